/// Scenario (b)'s load as the gateway itself reported it: each uplink's backlog (events
/// queued or in flight, from its `/metrics`) before, during and after the window.
struct BacklogReport {
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
