/// Scenario (b)'s load: the events queued for the down uplink, and each uplink's backlog as
/// the gateway's `/metrics` reported it before, during and after the window.
///
/// Every event goes to both uplinks and the down one acknowledges none, so what it holds
/// is every event the gateway raised since it started: counted at the subscriber, through
/// the live uplink. (Its `/metrics` backlog stops near 10 000 per lane: while an uplink is
/// down, the events its lane leaves in the journal are not counted there.)
struct BacklogReport {
    /// Events queued for the down uplink at the window's start and end.
    var queuedAtStart = 0
    var queuedAtEnd = 0
    /// Lower-priority input changes made before the window, and how long that took.
    var fillChanges = 0
    var fillSeconds = 0.0
    /// Changes made during the window.
    var windowChanges = 0
    var atStart: [String: Int] = [:]
    var atEnd: [String: Int] = [:]
    /// Highest and lowest once-a-second readings within the window.
    var highest: [String: Int] = [:]
    var lowest: [String: Int] = [:]
    var readings = 0

    mutating func observe(_ backlogs: [String: Int]) {
        guard !backlogs.isEmpty else { return }
        readings += 1
        for (uplink, value) in backlogs {
            highest[uplink] = max(highest[uplink] ?? value, value)
            lowest[uplink] = min(lowest[uplink] ?? value, value)
        }
    }
}
