import GatewayCore
import SiteConfig
import Testing

@testable import Polling

/// A saturated line: alarm groups keep their turn, slow groups yield, commands go first.
@Suite("Scheduling on a saturated line", .timeLimit(.minutes(1)))
struct SchedulingTests {
    static let status = DeviceProfile(name: "meter", sourceFile: "/p/meter.yaml", points: [
        PointSpec(id: "volts", table: .inputRegister, address: 0, type: .u16),
    ])

    @Test func alarmGroupKeepsItsTurnAndACommandJumpsTheQueue() async throws {
        // Four slow meters, each asking for a poll every 50 ms and answering in 40 ms: three
        // times what the converter can carry. The SOS behind the same converter is polled
        // every 100 ms.
        var devices = (1...4).map { PollingRig.device("meter-\($0)", Self.status, PollingRig.tcp(15700), unit: $0, timeout: .milliseconds(150)) }
        devices.append(PollingRig.device("sos", TestProfiles.panel, PollingRig.tcp(15700), unit: 9, poll: .milliseconds(100), timeout: .milliseconds(300)))
        let rig = try PollingRig(devices)
        for i in 1...4 { try rig.simulator.inject(.slow(.milliseconds(40)), device: "meter-\(i)") }
        try rig.start()
        try await rig.events.wait("sos polled 8 times and the line measured") { _ in
            let stats = rig.service.stats()
            return (stats.device("sos")?.polls ?? 0) >= 8 && stats.lines[0].utilisation > 0
        }

        let stats = rig.service.stats()
        let sos = stats.device("sos")!.polls
        let meters = (1...4).map { stats.device("meter-\($0)")!.polls }
        // Between two SOS polls at most one meter request is in flight, so the SOS is polled
        // more often than any meter, although the meters ask twice as often.
        #expect(meters.allSatisfy { $0 < sos }, "sos \(sos), meters \(meters)")
        #expect(stats.lines[0].skippedPolls > 0)
        #expect(stats.lines[0].utilisation > 0.8, "a saturated line talks nearly all the time")

        // A command waits for the request in flight only, not for the overdue meters. The
        // count is taken in the completion, on the line's thread, before any further poll.
        let service = rig.service
        @Sendable func meterPolls() -> UInt64 {
            service.stats().devices.filter { $0.snapshot.device.hasPrefix("meter") }.map(\.polls).reduce(0, +)
        }
        let before = meterPolls()
        let result: (CommandResult, UInt64) = await withCheckedContinuation { continuation in
            service.execute(CommandRequest(id: "c", device: "sos", command: "siren_on", origin: "test")) {
                continuation.resume(returning: ($0, meterPolls()))
            }
        }
        #expect(result.0.outcome == .done)
        // `before` is read an instant before the command is queued: the request in flight
        // then, and at most one the line started in between, may end first — not the four
        // overdue meters.
        #expect(result.1 - before <= 2, "meter polls during the command: \(result.1 - before)")
        await rig.stop()
    }

    @Test func aLineSaturatedByAlarmGroupsStillReadsItsOtherDevices() async throws {
        // Three slow SOS units (three requests of 30 ms a poll) ask for five times what the
        // converter carries; the meter has no alarm point, and would never be read under
        // strict priority.
        var devices = (1...3).map { PollingRig.device("sos-\($0)", TestProfiles.panel, PollingRig.tcp(15800), unit: $0, poll: .milliseconds(50), timeout: .milliseconds(300)) }
        devices.append(PollingRig.device("meter", Self.status, PollingRig.tcp(15800), unit: 9, poll: .milliseconds(100), timeout: .milliseconds(300)))
        let rig = try PollingRig(devices)
        for i in 1...3 { try rig.simulator.inject(.slow(.milliseconds(30)), device: "sos-\(i)") }
        try rig.start()
        try await rig.events.wait("meter read three times") { _ in (rig.service.stats().device("meter")?.polls ?? 0) >= 3 }
        let stats = rig.service.stats()
        let sos = (1...3).map { stats.device("sos-\($0)")!.polls }.reduce(0, +)
        // The alarm groups still get most of the line.
        #expect(sos > stats.device("meter")!.polls)
        await rig.stop()
    }
}
