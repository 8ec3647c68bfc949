/// Wall-clock milliseconds worked out from a monotonic reading, with the wall clock itself
/// read again at most every 10 ms: one clock call less per event (a fifth of the router's
/// own cost went to reading clocks). A step of the wall clock (NTP) shows within 10 ms.
struct WallClockEstimate: Sendable {
    static let recheck: UInt64 = 10_000_000
    /// Wall milliseconds minus monotonic milliseconds, as last read.
    private var offset: Int64 = 0
    private var checkedAt: UInt64 = 0
    private var valid = false

    @inline(__always)
    mutating func milliseconds(atMonotonic now: UInt64, clock: any RouterClock) -> Int64 {
        // An earlier `now` (an event that waited in a lane) reads the clock again too.
        if !valid || now &- checkedAt >= Self.recheck {
            let monotonic = clock.monotonicNanoseconds()
            offset = clock.wallMilliseconds() - Int64(monotonic / 1_000_000)
            checkedAt = monotonic
            valid = true
        }
        return offset + Int64(now / 1_000_000)
    }
}
