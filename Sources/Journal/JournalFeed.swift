import GatewayCore

/// Where the journal hands events once they are written: an uplink's queue.
/// Calls must not block (a queue push).
public protocol JournalFeed: AnyObject, Sendable {
    /// `route` is the index of the site route that chose this uplink, nil for none.
    /// `replayed` marks an event sent again after a restart.
    func enqueue(_ entry: JournalEntry, route: Int?, replayed: Bool)
    func updateState(_ snapshot: DeviceSnapshot)
}

/// A feed that keeps only part of its backlog in memory and reads the rest from the journal
/// file, page by page: the journal is the queue, so a long outage of a busy site does not
/// grow the process.
public protocol PagedJournalFeed: JournalFeed {
    /// Instead of every undelivered event at start: where to read them, and how many there
    /// are (0: nothing to read now, but the feed may page out later).
    func replay(from source: JournalSource, backlog: Int)
    /// An event the journal could not write (full disk, damaged file): it exists only in
    /// memory, so the feed must keep it there.
    func enqueueUnwritten(_ entry: JournalEntry, route: Int?)
}

/// Where one uplink's undelivered events are: the journal file and the uplink's bit.
public struct JournalSource: Sendable, Equatable {
    public let path: String
    public let bit: Int

    public init(path: String, bit: Int) {
        self.path = path
        self.bit = bit
    }
}

/// Told when a broker acknowledged an event (PUBACK), so the uplink's delivery cursor can
/// advance. Must not block: it is called on libmosquitto's network thread.
public protocol DeliveryLedger: AnyObject, Sendable {
    func acknowledged(seq: UInt64, uplink: Int)
}
