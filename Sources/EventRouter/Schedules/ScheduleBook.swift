import SiteConfig

/// Every schedule of a site with its state cached until the next boundary, so the router
/// asks "did anything change?" with one comparison per event.
public struct ScheduleBook: Sendable {
    public let schedules: [WeeklySchedule]
    /// Whether each schedule is active, as of the last `refresh`.
    public private(set) var active: [Bool]
    /// The earliest instant (wall ms) at which any schedule changes; `Int64.max` if never.
    public private(set) var nextChange: Int64 = Int64.min

    public init(_ configs: [ScheduleConfig]) {
        schedules = configs.compactMap(WeeklySchedule.init)
        active = schedules.map { _ in false }
    }

    public func index(of name: String) -> Int? { schedules.firstIndex { $0.name == name } }

    /// Re-evaluates when a boundary has passed; true when any schedule's state changed.
    @inline(__always)
    public mutating func refresh(atMilliseconds now: Int64) -> Bool {
        guard now >= nextChange else { return false }
        return reevaluate(now)
    }

    private mutating func reevaluate(_ now: Int64) -> Bool {
        let before = active
        active = schedules.map { $0.isActive(atMilliseconds: now) }
        nextChange = schedules.compactMap { $0.nextChange(afterMilliseconds: now) }.min() ?? Int64.max
        return active != before
    }

    public func isActive(_ name: String) -> Bool { index(of: name).map { active[$0] } ?? false }
}
