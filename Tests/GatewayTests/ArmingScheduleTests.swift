import Foundation
import GatewayCore
import GatewayTesting
import Testing

/// Zones follow the site's `arming:` timetable: a zone whose schedule is not active now
/// starts disarmed, so its intrusion inputs are silent while tamper stays supervised.
@Suite(.timeLimit(.minutes(1)))
struct ArmingScheduleTests {
    /// Three-letter day names, as schedule windows spell them.
    static let days = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"]

    /// A window covering all of `dayOffset` days from today in the rig's time zone.
    static func wholeDay(_ dayOffset: Int) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "Asia/Shanghai")!
        let day = calendar.date(byAdding: .day, value: dayOffset, to: Date())!
        return "\(days[calendar.component(.weekday, from: day) - 1]) 00:00-24:00"
    }

    static func site(armedToday: Bool) -> String {
        """
        schedules:
          - { name: watch, windows: ["\(wholeDay(armedToday ? 0 : 1))"] }
        arming:
          - { zone: fence, schedule: watch }

        """
    }

    @Test func aZoneOutsideItsScheduleStartsDisarmedAndStaysSilent() async throws {
        let rig = try await GatewayRig(devices: [("fence", "perimeter-8zone")], poll: "50ms", extraYAML: Self.site(armedToday: false))
        #expect(rig.gateway.polling.zoneStates().map(\.armed) == [false])
        try await rig.waitUntilOnline("fence")
        try rig.simulator.press(device: "fence", point: "zone1")
        // Held past its 200 ms debounce before the tamper: were the zone armed, the intrusion
        // (same priority, so same lane, FIFO) would arrive before the tamper.
        try await Task.sleep(for: .milliseconds(300))
        try rig.simulator.press(device: "fence", point: "tamper")
        // Tamper is supervised whether armed or not.
        _ = try await rig.next("events/fence") { $0["kind"] as? String == "alarm.tamper" }
        let intrusions = rig.subscriber.messages.filter { (try? $0.json()["kind"] as? String) == "alarm.intrusion" }
        #expect(intrusions.isEmpty)
        try await rig.stop()
    }

    @Test func aZoneInsideItsScheduleIsArmedAndReports() async throws {
        let rig = try await GatewayRig(devices: [("fence", "perimeter-8zone")], poll: "50ms", extraYAML: Self.site(armedToday: true))
        #expect(rig.gateway.polling.zoneStates().map(\.armed) == [true])
        try await rig.waitUntilOnline("fence")
        try rig.simulator.press(device: "fence", point: "zone1")
        let intrusion = try await rig.next("events/fence") { $0["kind"] as? String == "alarm.intrusion" }
        #expect(intrusion["point"] as? String == "zone1")
        try await rig.stop()
    }
}
