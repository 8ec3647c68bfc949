import GatewayCore

/// Where the journal hands events once they are written: an uplink's queue.
/// Calls must not block (a queue push).
public protocol JournalFeed: AnyObject, Sendable {
    /// `route` is the index of the site route that chose this uplink, nil for none.
    /// `replayed` marks an event sent again after a restart.
    func enqueue(_ entry: JournalEntry, route: Int?, replayed: Bool)
    func updateState(_ snapshot: DeviceSnapshot)
}

/// Told when a broker acknowledged an event (PUBACK), so the uplink's delivery cursor can
/// advance. Must not block: it is called on libmosquitto's network thread.
public protocol DeliveryLedger: AnyObject, Sendable {
    func acknowledged(seq: UInt64, uplink: Int)
}
