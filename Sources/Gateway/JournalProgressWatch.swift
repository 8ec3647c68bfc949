/// Tells a busy journal from a hung one: the router has stamped events the journal has not
/// written, and the journal's last written `seq` has not moved for a while.
struct JournalProgressWatch {
    private var lastWritten: UInt64 = 0
    /// Monotonic ns since when the journal is behind without moving; nil when it is not behind.
    private var behindSince: UInt64?

    /// `stamped`: the last seq the router gave; `written`: the journal's last written seq.
    /// Returns how long it has been stuck, or nil.
    mutating func observe(stamped: UInt64, written: UInt64, now: UInt64) -> UInt64? {
        if written != lastWritten || stamped <= written {
            lastWritten = written
            behindSince = stamped > written ? now : nil
            return nil
        }
        let since = behindSince ?? now
        behindSince = since
        return now &- since
    }
}
