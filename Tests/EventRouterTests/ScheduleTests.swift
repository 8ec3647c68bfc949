import Foundation
import Testing

@testable import SiteConfig
@testable import EventRouter

@Suite struct ScheduleTests {
    /// Wall-clock milliseconds of an ISO 8601 instant.
    static func ms(_ iso: String) -> Int64 {
        Int64(ISO8601DateFormatter().date(from: iso)!.timeIntervalSince1970 * 1000)
    }

    func schedule(_ windows: [String], timezone: String = "Asia/Shanghai", holidays: [String] = [], holidayWindows: [String] = []) -> WeeklySchedule {
        func parse(_ texts: [String]) -> [ScheduleWindow] {
            texts.map { text in
                guard case .success(let window) = ScheduleParser.window(text) else { fatalError("bad window \(text)") }
                return window
            }
        }
        let config = ScheduleConfig(
            name: "s", timezone: timezone, windows: parse(windows), holidays: holidays.map { ScheduleParser.holiday($0)! },
            holidayWindows: parse(holidayWindows))
        return WeeklySchedule(config)!
    }

    // 2026-11-24 is a Tuesday. Beijing is UTC+8, so 08:00 local is 00:00Z.
    @Test(arguments: [
        ("2026-11-24T00:00:00Z", true),  // Tue 08:00
        ("2026-11-23T23:29:59Z", false),  // Tue 07:29:59
        ("2026-11-23T23:30:00Z", true),  // Tue 07:30, start is inside
        ("2026-11-24T09:30:00Z", false),  // Tue 17:30, end is outside
        ("2026-11-28T02:00:00Z", false),  // Sat 10:00
        ("2026-11-30T00:00:00Z", true),  // Mon 08:00
    ])
    func schoolHoursOnWeekdays(instant: String, active: Bool) {
        #expect(schedule(["mon-fri 07:30-17:30"]).isActive(atMilliseconds: Self.ms(instant)) == active)
    }

    @Test(arguments: [
        ("2026-11-24T14:59:59Z", false),  // Tue 22:59:59
        ("2026-11-24T15:00:00Z", true),  // Tue 23:00
        ("2026-11-24T16:30:00Z", true),  // Wed 00:30, the window started Tuesday
        ("2026-11-24T21:59:00Z", true),  // Wed 05:59
        ("2026-11-24T22:00:00Z", false),  // Wed 06:00
    ])
    func nightWindowsRunPastMidnight(instant: String, active: Bool) {
        #expect(schedule(["daily 23:00-06:00"]).isActive(atMilliseconds: Self.ms(instant)) == active)
    }

    @Test func aFridayNightWindowRunsIntoSaturdayButNotOtherNights() {
        let s = schedule(["fri 22:00-06:00"])
        #expect(s.isActive(atMilliseconds: Self.ms("2026-11-27T19:00:00Z")))  // Sat 03:00
        #expect(!s.isActive(atMilliseconds: Self.ms("2026-11-28T19:00:00Z")))  // Sun 03:00
        #expect(!s.isActive(atMilliseconds: Self.ms("2026-11-26T19:00:00Z")))  // Fri 03:00
    }

    @Test func weekendsAreWholeDays() {
        let s = schedule(["sat,sun 00:00-24:00"])
        #expect(s.isActive(atMilliseconds: Self.ms("2026-11-27T16:00:00Z")))  // Sat 00:00
        #expect(s.isActive(atMilliseconds: Self.ms("2026-11-29T15:59:59Z")))  // Sun 23:59:59
        #expect(!s.isActive(atMilliseconds: Self.ms("2026-11-29T16:00:00Z")))  // Mon 00:00
        #expect(s.nextChange(afterMilliseconds: Self.ms("2026-11-25T00:00:00Z")) == Self.ms("2026-11-27T16:00:00Z"))
    }

    @Test func holidaysReplaceTheWeeklyWindows() {
        // National Day week: school closed, perimeter armed all day.
        let school = schedule(["mon-fri 07:30-17:30"], holidays: ["2026-10-01..2026-10-07"])
        let armed = schedule(["mon-fri 17:30-07:30", "sat,sun 00:00-24:00"], holidays: ["2026-10-01..2026-10-07"], holidayWindows: ["00:00-24:00"])
        let thursdayNoon = Self.ms("2026-10-01T04:00:00Z")
        #expect(!school.isActive(atMilliseconds: thursdayNoon))
        #expect(armed.isActive(atMilliseconds: thursdayNoon))
        #expect(school.isActive(atMilliseconds: Self.ms("2026-10-08T04:00:00Z")), "Thursday after the holiday is a school day")
        #expect(school.nextChange(afterMilliseconds: Self.ms("2026-09-30T12:00:00Z")) == Self.ms("2026-10-07T23:30:00Z"))
    }

    @Test func aHolidayCancelsTheWindowsThatStartOnItOnly() {
        let s = schedule(["daily 22:00-06:00"], holidays: ["2026-12-25"])
        #expect(s.isActive(atMilliseconds: Self.ms("2026-12-24T17:00:00Z")), "Dec 25 01:00: the window began on the 24th")
        #expect(!s.isActive(atMilliseconds: Self.ms("2026-12-25T15:00:00Z")), "Dec 25 23:00: no window starts on the holiday")
    }

    @Test func theSameInstantDependsOnTheTimeZone() {
        let instant = Self.ms("2026-11-24T01:00:00Z")  // 09:00 Beijing, 07:00 Urumqi, 01:00 UTC
        #expect(schedule(["mon-fri 07:30-17:30"], timezone: "Asia/Shanghai").isActive(atMilliseconds: instant))
        #expect(!schedule(["mon-fri 07:30-17:30"], timezone: "Asia/Urumqi").isActive(atMilliseconds: instant))
        #expect(!schedule(["mon-fri 07:30-17:30"], timezone: "UTC").isActive(atMilliseconds: instant))
    }

    @Test func daylightSavingDaysAreShorterAndWindowsFollowLocalTime() {
        // Berlin springs forward on 2026-03-29 at 02:00 → 03:00.
        let s = schedule(["daily 01:00-04:00"], timezone: "Europe/Berlin")
        #expect(s.nextChange(afterMilliseconds: Self.ms("2026-03-28T23:00:00Z")) == Self.ms("2026-03-29T00:00:00Z"))
        #expect(s.nextChange(afterMilliseconds: Self.ms("2026-03-29T00:30:00Z")) == Self.ms("2026-03-29T02:00:00Z"))
        #expect(s.nextChange(afterMilliseconds: Self.ms("2026-03-30T00:30:00Z")) == Self.ms("2026-03-30T02:00:00Z"))
    }

    @Test func nextChangeSkipsTheWeekend() {
        let s = schedule(["mon-fri 07:30-17:30"])
        let fridayEvening = Self.ms("2026-11-27T10:00:00Z")
        #expect(s.nextChange(afterMilliseconds: fridayEvening) == Self.ms("2026-11-29T23:30:00Z"))
        #expect(s.nextChange(afterMilliseconds: Self.ms("2026-11-24T00:00:00Z")) == Self.ms("2026-11-24T09:30:00Z"))
        #expect(schedule([]).nextChange(afterMilliseconds: fridayEvening) == nil)
    }

    @Test func theBookReevaluatesOnlyAtBoundaries() {
        var book = ScheduleBook([ScheduleConfig(name: "school", timezone: "Asia/Shanghai", windows: [ScheduleWindow(weekdays: Set(1...5), start: 450, end: 1050)])])
        _ = book.refresh(atMilliseconds: Self.ms("2026-11-24T00:00:00Z"))
        #expect(book.isActive("school"))
        #expect(book.nextChange == Self.ms("2026-11-24T09:30:00Z"))
        let early = book.refresh(atMilliseconds: Self.ms("2026-11-24T09:29:59Z"))
        #expect(!early)
        let atBoundary = book.refresh(atMilliseconds: Self.ms("2026-11-24T09:30:00Z"))
        #expect(atBoundary)
        #expect(!book.isActive("school"))
    }

    @Test func aRouterFollowsItsScheduledRoutesAcrossABoundary() {
        let sink = RecordingSink()
        let clock = ManualClock(wall: Self.ms("2026-11-24T09:29:00Z"))  // Tue 17:29 Beijing
        let routing = RoutingConfig(
            routes: [RouteConfig(name: "class-time-gates", kinds: ["gate.open"], schedule: "school", uplinks: ["police"])],
            schedules: [ScheduleConfig(name: "school", timezone: "Asia/Shanghai", windows: [ScheduleWindow(weekdays: Set(1...5), start: 450, end: 1050)])])
        let router = EventRouter(routing: routing, devices: [], uplinks: ["police"], sink: sink, clock: clock)
        router.submit(Fixtures.event("gate.open", .info))
        clock.advance(.seconds(60))
        router.submit(Fixtures.event("gate.open", .info))
        #expect(sink.handedOver.map { $0.destinations.isEmpty } == [false, true])
    }
}

@Suite struct ArmingTimetableTests {
    @Test func zonesFollowTheirSchedules() {
        let night = ScheduleConfig(name: "night", timezone: "Asia/Shanghai", windows: [ScheduleWindow(start: 22 * 60, end: 6 * 60)])
        let school = ScheduleConfig(name: "school", timezone: "Asia/Shanghai", windows: [ScheduleWindow(weekdays: Set(1...5), start: 450, end: 1050)])
        let timetable = ArmingTimetable(
            rules: [ArmingRule(zone: "north-wall", schedule: "night"), ArmingRule(zone: "classrooms", schedule: "school")],
            schedules: [night, school])
        let tuesday23 = ScheduleTests.ms("2026-11-24T15:00:00Z")
        let states = timetable.states(atMilliseconds: tuesday23)
        #expect(states.map(\.zone) == ["north-wall", "classrooms"])
        #expect(states.map(\.armed) == [true, false])
        #expect(states.map(\.origin) == ["schedule:night", "schedule:school"])
        #expect(timetable.nextChange(afterMilliseconds: tuesday23) == ScheduleTests.ms("2026-11-24T22:00:00Z"))
    }
}
