import GatewayCore
import SiteConfig

/// The points of one device that share a poll interval, with the requests that read them.
/// A device's points without their own `poll` form the group at the device's interval.
struct PollGroup: Sendable {
    var points: [Int]
    var interval: Duration
    var plan: ReadPlan
    /// Alarm groups keep their rate when the line is saturated; the others yield.
    var isAlarm: Bool

    /// The groups of `device`, fastest first.
    static func groups(of device: DeviceConfig) -> [PollGroup] {
        let specs = device.profile.points
        let planner = RequestPlanner(profile: device.profile)
        var byInterval: [Duration: [Int]] = [:]
        for i in specs.indices { byInterval[specs[i].poll ?? device.poll, default: []].append(i) }
        return byInterval.keys.sorted().map { interval in
            let members = byInterval[interval]!
            return PollGroup(
                points: members, interval: interval, plan: planner.plan(specs, only: members),
                isAlarm: members.contains { isAlarmPoint(specs[$0]) }
            )
        }
    }

    /// Points whose events are alarms: `alarm.*` kinds and anything critical.
    static func isAlarmPoint(_ spec: PointSpec) -> Bool {
        guard let kind = spec.event else { return false }
        return kind.rawValue.hasPrefix("alarm.") || spec.severity == .critical
    }
}
