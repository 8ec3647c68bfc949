import GatewayCore

/// Where the journal hands events once they are written: an uplink's queue.
/// Calls must not block (a queue push).
public protocol JournalFeed: AnyObject, Sendable {
    /// `route` is the index of the site route that chose this uplink, nil for none.
    /// `replayed` marks an event sent again after a restart.
    func enqueue(_ entry: JournalEntry, route: Int?, replayed: Bool)
    func updateState(_ snapshot: DeviceSnapshot)
}
