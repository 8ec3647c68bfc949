import Foundation
import Yams

/// Reads one entry of the site's `schedules:` list.
///
/// ```yaml
/// - name: school-hours
///   timezone: Asia/Shanghai          # default: the site's
///   windows: ["mon-fri 07:30-17:30", "sat 08:00-12:00"]
///   holidays: [2026-10-01..2026-10-07, 2027-01-01]
///   holiday_windows: []              # default: inactive on holidays
/// ```
struct ScheduleParser {
    static let keys = ["name", "timezone", "windows", "holidays", "holiday_windows"]
    static let weekdayNames = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]

    let file: YAMLFile
    let siteTimezone: String?

    func parse(_ node: Node) -> ScheduleDraft? {
        guard let map = MapReader(node, what: "schedule", label: "each entry of 'schedules'", keys: Self.keys, file: file) else { return nil }
        var draft = ScheduleDraft(name: map.text("name", required: true))
        if let name = draft.name, let problem = Identifier.problem(name.value, what: "schedule name") {
            file.error(problem, at: name.mark)
            draft.name = nil
        }
        if let zone = map.text("timezone") {
            if let problem = SiteParser.timezoneProblem(zone.value) { file.error(problem, at: zone.mark) } else { draft.timezone = zone.value }
        } else {
            draft.timezone = siteTimezone
        }
        draft.windows = windows(map, "windows", required: true)
        draft.holidayWindows = windows(map, "holiday_windows", required: false)
        for entry in map.textList("holidays") ?? [] {
            if let range = Self.holiday(entry.value) {
                draft.holidays.append(range)
            } else {
                file.error("holiday '\(entry.value)' must be a date like 2026-10-01 or a range like 2026-10-01..2026-10-07", at: entry.mark)
            }
        }
        return draft
    }

    private func windows(_ map: MapReader, _ key: String, required: Bool) -> [ScheduleWindow] {
        if required, !map.has(key) { _ = map.required(key); return [] }
        guard let entries = map.textList(key) else { return [] }
        if required, entries.isEmpty, map.has(key) {
            file.error("'\(key)' must list at least one window, like \"mon-fri 07:30-17:30\"", at: map.value(key)?.mark)
        }
        return entries.compactMap { entry in
            switch Self.window(entry.value) {
            case .success(let window): return window
            case .failure(let problem):
                file.error("window '\(entry.value)' \(problem.message); write it like \"mon-fri 07:30-17:30\", \"sat,sun 00:00-24:00\" or \"daily 22:00-06:00\"", at: entry.mark)
                return nil
            }
        }
    }

    struct Problem: Error { var message: String }

    /// `[DAYS ]HH:MM-HH:MM`: DAYS is `daily`, a day (`mon`), a range (`mon-fri`) or a
    /// comma list of those (`mon,wed,fri`, `sat,sun`); no DAYS means every day.
    static func window(_ text: String) -> Result<ScheduleWindow, Problem> {
        let parts = text.split(separator: " ", omittingEmptySubsequences: true)
        guard parts.count == 1 || parts.count == 2 else { return .failure(Problem(message: "is not 'DAYS HH:MM-HH:MM'")) }
        var days = Set(1...7)
        if parts.count == 2 {
            guard let parsed = weekdays(String(parts[0])) else {
                return .failure(Problem(message: "has unknown days '\(parts[0])' (use mon tue wed thu fri sat sun, a range mon-fri, or daily)"))
            }
            days = parsed
        }
        let times = parts.last!.split(separator: "-", omittingEmptySubsequences: false)
        guard times.count == 2, let start = minutes(times[0], allowing24: false), let end = minutes(times[1], allowing24: true) else {
            return .failure(Problem(message: "has no time range HH:MM-HH:MM (00:00 to 24:00)"))
        }
        guard start != end else { return .failure(Problem(message: "starts and ends at the same time; for a whole day write 00:00-24:00")) }
        return .success(ScheduleWindow(weekdays: days, start: start, end: end))
    }

    private static func weekdays(_ text: String) -> Set<Int>? {
        if text == "daily" { return Set(1...7) }
        var days = Set<Int>()
        for item in text.lowercased().split(separator: ",", omittingEmptySubsequences: false) {
            let ends = item.split(separator: "-", omittingEmptySubsequences: false)
            guard (1...2).contains(ends.count), let first = weekdayNames.firstIndex(of: String(ends[0])),
                let last = weekdayNames.firstIndex(of: String(ends[ends.count - 1]))
            else { return nil }
            // mon-fri, or fri-mon wrapping over the weekend.
            var day = first
            while true {
                days.insert(day + 1)
                if day == last { break }
                day = (day + 1) % 7
            }
        }
        return days
    }

    private static func minutes(_ text: Substring, allowing24: Bool) -> Int? {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, parts[0].count == 2, parts[1].count == 2, let hour = Int(parts[0]), let minute = Int(parts[1]),
            (0...59).contains(minute)
        else { return nil }
        if allowing24 && hour == 24 && minute == 0 { return 1440 }
        guard (0...23).contains(hour) else { return nil }
        return hour * 60 + minute
    }

    static func holiday(_ text: String) -> ClosedRange<LocalDate>? {
        let ends = text.components(separatedBy: "..")
        guard (1...2).contains(ends.count), let first = LocalDate(ends[0]), let last = LocalDate(ends[ends.count - 1]), first <= last
        else { return nil }
        return first...last
    }
}
