/// A named weekly timetable in one time zone: school hours, rush hours, night. Routes,
/// linkage rules, drill mode and arming refer to it by name.
public struct ScheduleConfig: Sendable, Equatable {
    public var name: String
    /// IANA time zone name; the site's when the file gives none.
    public var timezone: String
    public var windows: [ScheduleWindow]
    /// Local dates (inclusive ranges) on which `holidayWindows` replace `windows`.
    public var holidays: [ClosedRange<LocalDate>]
    /// Windows on holidays; empty means the schedule is inactive all holiday.
    public var holidayWindows: [ScheduleWindow]

    public init(
        name: String, timezone: String, windows: [ScheduleWindow], holidays: [ClosedRange<LocalDate>] = [],
        holidayWindows: [ScheduleWindow] = []
    ) {
        self.name = name
        self.timezone = timezone
        self.windows = windows
        self.holidays = holidays
        self.holidayWindows = holidayWindows
    }

    public func isHoliday(_ date: LocalDate) -> Bool { holidays.contains { $0.contains(date) } }
}
