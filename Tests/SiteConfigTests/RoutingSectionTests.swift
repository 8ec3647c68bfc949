import Foundation
import GatewayCore
import Testing

@testable import SiteConfig

/// Routes, schedules, linkage, flood and drill as the site file writes them.
@Suite struct RoutingSectionTests {
    static let site = """
        site: { id: s1, name: Test, timezone: Asia/Shanghai }
        profiles: [REPO/DeviceProfiles]
        devices:
          - { id: sos-1, profile: sos-button, connection: "tcp://127.0.0.1:1502", tags: [gate], location: 东门 }
          - { id: siren, profile: sos-button, connection: "tcp://127.0.0.1:1503", zone: north-wall }
        uplinks:
          - { name: police, url: "mqtt://127.0.0.1", topic_prefix: campus/v1/s1 }
          - { name: edu, url: "mqtt://127.0.0.1:1884", topic_prefix: edu/s1 }
        schedules:
          - name: school-hours
            windows: ["mon-fri 07:30-17:30", "sat 08:00-12:00"]
            holidays: [2026-10-01..2026-10-07, 2027-01-01]
          - { name: night, timezone: Asia/Urumqi, windows: ["daily 22:00-06:00"], holiday_windows: ["00:00-24:00"] }
        routes:
          - { name: sos, kind: alarm.emergency, to: [police, edu], topic: "sos/{device}", qos: 1 }
          - { name: gates-in-class, kind: "gate.*", tags: [gate], locations: [东门], schedule: school-hours, to: [edu], qos: 0 }
        linkage:
          - name: sos-siren
            when: { kind: alarm.emergency, devices: [sos-1] }
            do:
              - { device: siren, command: siren_on, argument: 60 }
            schedule: night
            cooldown: 1m
          - { name: all-states, when: { kind: "alarm.*", state: any }, do: [{ device: siren, command: reset }] }
        flood: { limit: 5, window: 30s }
        drill: { schedule: night }
        arming:
          - { zone: north-wall, schedule: night }
        """

    func load(_ text: String) throws -> Site {
        try SiteLoader.load(yaml: text.replacingOccurrences(of: "REPO", with: TestFiles.repoRoot()), path: "/tmp/site.yaml")
    }

    @Test func everySectionIsRead() throws {
        let site = try load(Self.site)
        #expect(site.routes.map(\.name) == ["sos", "gates-in-class"])
        #expect(site.routes[0].topic == "sos/{device}" && site.routes[0].qos == 1 && site.routes[0].uplinks == ["police", "edu"])
        let gates = site.routes[1].match
        #expect(gates.kinds == ["gate.*"] && gates.tags == ["gate"] && gates.locations == ["东门"] && gates.schedule == "school-hours")
        #expect(site.routes[1].qos == 0 && site.routes[1].topic == nil)

        let school = try #require(site.schedules.first)
        #expect(school.timezone == "Asia/Shanghai", "a schedule without timezone takes the site's")
        #expect(school.windows == [ScheduleWindow(weekdays: Set(1...5), start: 450, end: 1050), ScheduleWindow(weekdays: [6], start: 480, end: 720)])
        #expect(school.isHoliday(LocalDate(year: 2026, month: 10, day: 4)) && school.isHoliday(LocalDate(year: 2027, month: 1, day: 1)))
        #expect(!school.isHoliday(LocalDate(year: 2026, month: 10, day: 8)))
        let night = site.schedules[1]
        #expect(night.timezone == "Asia/Urumqi" && night.windows[0].length == 8 * 60 && night.holidayWindows.count == 1)

        let rule = try #require(site.linkage.first)
        #expect(rule.when.kinds == ["alarm.emergency"] && rule.when.devices == ["sos-1"] && rule.when.states == [.active])
        #expect(rule.when.schedule == "night" && rule.cooldown == .seconds(60))
        #expect(rule.actions == [LinkageAction(device: "siren", command: "siren_on", argument: 60)])
        #expect(site.linkage[1].when.states.isEmpty, "state: any")

        #expect(site.flood == FloodPolicy(limit: 5, window: .seconds(30)))
        #expect(site.drillSchedule == "night")
        #expect(site.arming == [ArmingRule(zone: "north-wall", schedule: "night")])
        #expect(site.routing.routes.count == 2 && site.routing.linkage.count == 2)
    }

    @Test func defaultsWhenTheSectionsAreLeftOut() throws {
        let minimal = Self.site.components(separatedBy: "schedules:")[0]
        let site = try load(minimal)
        #expect(site.routes.isEmpty && site.schedules.isEmpty && site.linkage.isEmpty)
        #expect(site.flood == .standard && site.flood == FloodPolicy(limit: 10, window: .seconds(10)))
        #expect(site.drillSchedule == nil)
    }

    @Test func floodOffTurnsItOff() throws {
        let site = try load(Self.site.replacingOccurrences(of: "flood: { limit: 5, window: 30s }", with: "flood: off"))
        #expect(site.flood == nil)
    }

    @Test(arguments: [
        ("mon-fri 07:30-17:30", Set(1...5), 450, 1050),
        ("sat,sun 00:00-24:00", Set([6, 7]), 0, 1440),
        ("daily 22:00-06:00", Set(1...7), 1320, 360),
        ("fri-mon 18:00-08:00", Set([5, 6, 7, 1]), 1080, 480),
        ("12:00-13:00", Set(1...7), 720, 780),
        ("mon,wed-thu 09:00-10:00", Set([1, 3, 4]), 540, 600),
    ])
    func windowsAreRead(text: String, days: Set<Int>, start: Int, end: Int) throws {
        guard case .success(let window) = ScheduleParser.window(text) else {
            Issue.record("not read: \(text)")
            return
        }
        #expect(window == ScheduleWindow(weekdays: days, start: start, end: end))
    }
}
