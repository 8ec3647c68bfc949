import GatewayCore
import Testing

@testable import Polling

/// The alarm rules end to end: simulator → line → tracker → events.
@Suite("Alarm semantics on a polled device", .timeLimit(.minutes(1)))
struct AlarmPollingTests {
    static func rig(poll: Duration = .milliseconds(50), stateFile: String? = nil) async throws -> PollingRig {
        let rig = try PollingRig([PollingRig.device("panel", TestProfiles.panel, PollingRig.tcp(15300), poll: poll, zone: "north")], stateFile: stateFile)
        try rig.start()
        try await rig.events.waitForState("panel") { $0.online }
        return rig
    }

    @Test func emergencyLatchesUntilAResetCommandWhichIsItselfAnEvent() async throws {
        let rig = try await Self.rig()
        try rig.simulator.press(device: "panel", point: "button")
        try await rig.events.next("emergency") { $0.kind == .emergency && $0.state == .active }
        try rig.simulator.release(device: "panel", point: "button")
        // Polls go on and the state shows the alarm still active.
        let polls = rig.service.stats().device("panel")!.polls
        try await rig.events.wait("a few more polls") { _ in rig.service.stats().device("panel")!.polls >= polls + 3 }
        #expect(rig.events.state("panel")?.activePoints.contains("button") == true)
        #expect(!rig.events.events.contains { $0.kind == .emergency && $0.state == .cleared })
        let result = await rig.execute("panel", "reset")
        #expect(result.outcome == .done)
        let cleared = try await rig.events.next("reset") { $0.kind == .emergency && $0.state == .cleared }
        #expect(cleared.detail == "reset by test")
        await rig.stop()
    }

    @Test func intrusionOnlyWhileArmedAndArmingIsAnEvent() async throws {
        let rig = try await Self.rig()
        #expect(rig.service.zoneStates().map(\.zone) == ["north"])
        #expect(rig.service.setArmed(false, zone: "north", origin: "schedule:day"))
        let disarmed = try await rig.events.next("disarmed") { $0.kind == .zoneDisarmed }
        #expect(disarmed.detail == "zone north disarmed by schedule:day" && disarmed.contactID == "401")
        #expect(rig.service.zoneStates().first?.armed == false)
        try rig.simulator.press(device: "panel", point: "zone1")
        try rig.simulator.press(device: "panel", point: "tamper")
        // Tamper is supervised while disarmed; the intrusion is not reported.
        try await rig.events.next("tamper") { $0.kind == .tamper }
        try await rig.events.waitForState("panel") { $0.points.contains { $0.id == "zone1" && $0.value == .bool(true) } }
        #expect(!rig.events.events.contains { $0.kind == .intrusion })
        // Arming with the zone open reports it; the arm command is the same as the API.
        #expect(await rig.execute("panel", "arm").outcome == .done)
        try await rig.events.next("armed") { $0.kind == .zoneArmed }
        let intrusion = try await rig.events.next("intrusion") { $0.kind == .intrusion }
        #expect(intrusion.state == .active)
        #expect(!rig.service.setArmed(true, zone: "nowhere", origin: "test"))
        await rig.stop()
    }

    @Test func shortPressesAreCaughtByLatchAndCounter() async throws {
        // Polled every 400 ms; each press lasts a few ms.
        let rig = try await Self.rig(poll: .milliseconds(400))
        try rig.simulator.press(device: "panel", point: "panic")
        try rig.simulator.release(device: "panel", point: "panic")
        try rig.simulator.press(device: "panel", point: "presses")
        try rig.simulator.press(device: "panel", point: "presses")
        let panic = try await rig.events.next("panic") { $0.point == "panic" && $0.state == .active }
        #expect(panic.kind == "alarm.panic")
        let count = try await rig.events.next("counted presses") { $0.point == "presses" }
        #expect(count.detail == "2 presses" && count.value == .int(2))
        // The gateway cleared the latch, so the device can take the next press.
        try await rig.events.next("panic cleared") { $0.point == "panic" && $0.state == .cleared }
        #expect(try rig.simulator.get(device: "panel", point: "panic") == 0)
        // A restart of the device sets its counter back: reported, no press.
        try rig.simulator.reboot(device: "panel")
        try await rig.events.next("restart") { $0.kind == .deviceRestarted }
        #expect(rig.events.events.filter { $0.point == "presses" }.count == 1)
        await rig.stop()
    }

    @Test func chatteringInputIsReportedOnceAndHeld() async throws {
        let rig = try await Self.rig()
        for i in 0..<8 {
            if i % 2 == 0 {
                try rig.simulator.press(device: "panel", point: "tamper")
            } else {
                try rig.simulator.release(device: "panel", point: "tamper")
            }
            // Each change is seen by a poll before the next one.
            try await rig.events.waitForState("panel") { $0.points.contains { $0.id == "tamper" && $0.value == .bool(i % 2 == 0) } }
        }
        let kinds = rig.events.events.filter { $0.point == "tamper" }.map(\.kind)
        #expect(kinds == [.tamper, .tamper, .tamper, .chattering])
        await rig.stop()
    }
}
