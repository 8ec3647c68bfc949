import Foundation
import SiteConfig

/// A schedule evaluated in its own time zone: is it active at an instant, and when does
/// that next change. Uses Foundation's calendar, so callers ask at boundaries only
/// (`ScheduleBook` caches the answer until the next change), never per event.
///
/// A window belongs to the local day it starts on: `22:00-06:00` on Friday runs into
/// Saturday morning, and a holiday on Friday cancels it. Local times that a daylight-saving
/// jump skips move forward to the first time that exists.
public struct WeeklySchedule: Sendable {
    public let config: ScheduleConfig
    private let calendar: Calendar

    /// Nil when the time zone is unknown (the site file's validation prevents that).
    public init?(_ config: ScheduleConfig) {
        guard let zone = TimeZone(identifier: config.timezone) else { return nil }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        self.config = config
        self.calendar = calendar
    }

    public var name: String { config.name }

    public func isActive(at instant: Date) -> Bool {
        isActive(atMilliseconds: Self.milliseconds(instant))
    }

    public func isActive(atMilliseconds t: Int64) -> Bool {
        let day = localDay(t)
        return intervals(from: day - 1, through: day).contains { $0.start <= t && t < $0.end }
    }

    /// The first instant after `instant` at which `isActive` changes; nil when it never
    /// does within a year and a half (a schedule with no windows, or always active).
    public func nextChange(after instant: Date) -> Date? {
        nextChange(afterMilliseconds: Self.milliseconds(instant)).map { Date(timeIntervalSince1970: Double($0) / 1000) }
    }

    public func nextChange(afterMilliseconds t: Int64) -> Int64? {
        let now = isActive(atMilliseconds: t)
        var day = localDay(t) - 1
        let lastDay = day + 550
        while day < lastDay {
            // A week at a time, with one day of overlap for windows that cross midnight.
            let spans = intervals(from: day, through: day + 8)
            let boundaries = Set(spans.flatMap { [$0.start, $0.end] }).filter { $0 > t }.sorted()
            for boundary in boundaries {
                if isActive(atMilliseconds: boundary) != now { return boundary }
            }
            day += 7
        }
        return nil
    }

    /// Local day number (days since 1970-01-01 in this zone) of instant `t`.
    private func localDay(_ t: Int64) -> Int {
        let date = Date(timeIntervalSince1970: Double(t) / 1000)
        let parts = calendar.dateComponents([.year, .month, .day], from: date)
        return Self.dayNumber(year: parts.year!, month: parts.month!, day: parts.day!)
    }

    /// The windows that start on local days `first…last`, as [start, end) in milliseconds.
    private func intervals(from first: Int, through last: Int) -> [(start: Int64, end: Int64)] {
        var result: [(start: Int64, end: Int64)] = []
        for day in first...last {
            let (year, month, dayOfMonth) = Self.civil(day)
            let date = LocalDate(year: year, month: month, day: dayOfMonth)
            let windows = config.isHoliday(date) ? config.holidayWindows : config.windows
            // ISO weekday: 1970-01-01 was a Thursday (4).
            let weekday = ((day % 7) + 7 + 3) % 7 + 1
            for window in windows where window.weekdays.contains(weekday) {
                let start = instant(day: day, minutes: window.start)
                let endDay = window.end > window.start ? day : day + 1
                let end = instant(day: endDay, minutes: window.end)
                if end > start { result.append((start, end)) }
            }
        }
        return result
    }

    /// The instant of local `minutes` after midnight on local day `day` (1440 = next midnight).
    private func instant(day: Int, minutes: Int) -> Int64 {
        let (extraDays, minute) = minutes.quotientAndRemainder(dividingBy: 1440)
        let (year, month, dayOfMonth) = Self.civil(day + extraDays)
        let parts = DateComponents(year: year, month: month, day: dayOfMonth, hour: minute / 60, minute: minute % 60)
        let date = calendar.date(from: parts) ?? Date(timeIntervalSince1970: 0)
        return Self.milliseconds(date)
    }

    private static func milliseconds(_ date: Date) -> Int64 { Int64((date.timeIntervalSince1970 * 1000).rounded(.down)) }

    /// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
    static func dayNumber(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let doy = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146097 + doe - 719468
    }

    static func civil(_ days: Int) -> (year: Int, month: Int, day: Int) {
        let z = days + 719468
        let era = (z >= 0 ? z : z - 146096) / 146097
        let doe = z - era * 146097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let day = doy - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }
}
