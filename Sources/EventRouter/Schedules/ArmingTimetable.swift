import SiteConfig

/// Which zones the site's `arming:` entries want armed at an instant, and when that next
/// changes. The gateway applies the states at start and then sleeps until `nextChange`,
/// calling the polling service's `setArmed(_:zone:origin:)` with origin `schedule:NAME`.
public struct ArmingTimetable: Sendable {
    public let rules: [ArmingRule]
    private let schedules: [String: WeeklySchedule]

    public init(rules: [ArmingRule], schedules: [ScheduleConfig]) {
        self.rules = rules
        var byName: [String: WeeklySchedule] = [:]
        for config in schedules { byName[config.name] = WeeklySchedule(config) }
        self.schedules = byName
    }

    /// Every zone with whether it should be armed at `t` (wall ms), in site-file order.
    public func states(atMilliseconds t: Int64) -> [(zone: String, armed: Bool, origin: String)] {
        rules.map { rule in
            (rule.zone, schedules[rule.schedule]?.isActive(atMilliseconds: t) ?? false, "schedule:\(rule.schedule)")
        }
    }

    /// The first instant after `t` at which any zone's wanted state changes; nil if never.
    public func nextChange(afterMilliseconds t: Int64) -> Int64? {
        Set(rules.map(\.schedule)).compactMap { schedules[$0]?.nextChange(afterMilliseconds: t) }.min()
    }
}
