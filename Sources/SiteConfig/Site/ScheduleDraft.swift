/// A schedule as read; its name is checked for repeats once everything is read.
struct ScheduleDraft {
    var name: Located<String>?
    var timezone: String?
    var windows: [ScheduleWindow] = []
    var holidays: [ClosedRange<LocalDate>] = []
    var holidayWindows: [ScheduleWindow] = []

    func config() -> ScheduleConfig? {
        guard let name, let timezone else { return nil }
        return ScheduleConfig(name: name.value, timezone: timezone, windows: windows, holidays: holidays, holidayWindows: holidayWindows)
    }
}
