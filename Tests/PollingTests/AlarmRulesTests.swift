import GatewayCore
import SiteConfig
import Testing

@testable import Polling

/// The GB 50394 rules as `DeviceTracker` applies them, without threads or sockets.
@Suite struct AlarmRulesTests {
    static let ms: UInt64 = 1_000_000

    static func device(_ points: [PointSpec], autoReset: Duration? = nil, chattering: DeviceProfile.Chattering = .init()) -> DeviceConfig {
        let profile = DeviceProfile(name: "panel", sourceFile: "/p/panel.yaml", points: points, autoReset: autoReset, chattering: chattering)
        return DeviceConfig(id: "panel-1", profile: profile, connection: .tcp(host: "127.0.0.1", port: 1502), unit: 1,
                            poll: .milliseconds(100), timeout: .milliseconds(200))
    }

    static let sos = PointSpec(id: "button", table: .discreteInput, address: 0, type: .bool, event: .emergency, severity: .critical, contactID: "120")
    static let zone = PointSpec(id: "zone1", table: .discreteInput, address: 1, type: .bool, event: .intrusion, severity: .major, contactID: "131")
    static let tamper = PointSpec(id: "tamper", table: .discreteInput, address: 2, type: .bool, event: .tamper, severity: .major, contactID: "137")

    /// Feeds one poll of booleans at `t` ms.
    static func poll(_ tracker: inout DeviceTracker, _ values: [Bool], at t: UInt64, armed: Bool = true) -> DeviceTracker.Outcome {
        tracker.pollSucceeded(values: values.map(PointValue.bool), points: values.indices, nowNs: t * ms, nowMs: Int64(t), armed: armed)
    }

    @Test func emergencyLatchesUntilAutoReset() {
        var tracker = DeviceTracker(device: Self.device([Self.sos], autoReset: .seconds(1)), siteID: "s")
        _ = Self.poll(&tracker, [false], at: 0)
        #expect(Self.poll(&tracker, [true], at: 100).events.map(\.state) == [.active])
        #expect(Self.poll(&tracker, [false], at: 200).events.isEmpty)
        #expect(Self.poll(&tracker, [false], at: 1100).events.isEmpty)
        let reset = Self.poll(&tracker, [false], at: 1250)
        #expect(reset.events.map(\.state) == [.cleared])
        #expect(reset.events.first?.detail.hasPrefix("auto-reset") == true)
        #expect(tracker.snapshot().activePoints.isEmpty)
    }

    @Test func emergencyIgnoresArmingAndAResetWhileHeldRaisesItAgain() {
        var tracker = DeviceTracker(device: Self.device([Self.sos]), siteID: "s")
        _ = Self.poll(&tracker, [false], at: 0, armed: false)
        #expect(Self.poll(&tracker, [true], at: 100, armed: false).events.map(\.kind) == [.emergency])
        #expect(tracker.resetLatches(origin: "cli", nowMs: 150).events.map(\.state) == [.cleared])
        #expect(Self.poll(&tracker, [true], at: 200, armed: false).events.map(\.state) == [.active])
    }

    @Test func intrusionReportsOnlyWhileArmedAndTamperAlways() {
        var tracker = DeviceTracker(device: Self.device([Self.zone, Self.tamper]), siteID: "s")
        _ = Self.poll(&tracker, [false, false], at: 0, armed: false)
        let disarmed = Self.poll(&tracker, [true, true], at: 100, armed: false)
        #expect(disarmed.events.map(\.kind) == [.tamper])
        // Arming with the zone still open reports it.
        let armed = Self.poll(&tracker, [true, true], at: 200, armed: true)
        #expect(armed.events.map(\.kind) == [.intrusion])
        #expect(armed.events.first?.state == .active)
        let disarm = Self.poll(&tracker, [true, true], at: 300, armed: false)
        #expect(disarm.events.map(\.state) == [.cleared])
        #expect(disarm.events.first?.detail == "zone disarmed")
    }

    @Test func counterReportsEachIncrementAndARestart() {
        let counter = PointSpec(id: "presses", table: .inputRegister, address: 0, type: .u16, event: "patrol.checkpoint", severity: .info, mode: .counter)
        var tracker = DeviceTracker(device: Self.device([counter]), siteID: "s")
        func feed(_ n: Int64, _ t: UInt64) -> [Event] {
            tracker.pollSucceeded(values: [.int(n)], points: [0], nowNs: t * Self.ms, nowMs: Int64(t), armed: true).events
        }
        #expect(feed(7, 0).isEmpty)
        #expect(feed(8, 100).map(\.kind) == ["patrol.checkpoint"])
        let burst = feed(11, 200)
        #expect(burst.count == 1 && burst[0].detail == "3 presses")
        #expect(feed(11, 300).isEmpty)
        let reboot = feed(0, 400)
        #expect(reboot.map(\.kind) == [.deviceRestarted])
        #expect(feed(1, 500).map(\.kind) == ["patrol.checkpoint"])
    }

    @Test func latchedPointAsksToBeCleared() {
        let latched = PointSpec(id: "button", table: .coil, address: 0, type: .bool, event: "alarm.panic", mode: .latched)
        var tracker = DeviceTracker(device: Self.device([latched]), siteID: "s")
        #expect(Self.poll(&tracker, [false], at: 0).latchesToClear.isEmpty)
        let pressed = Self.poll(&tracker, [true], at: 100)
        #expect(pressed.latchesToClear == [0])
        #expect(pressed.events.map(\.state) == [.active])
        #expect(Self.poll(&tracker, [false], at: 200).events.map(\.state) == [.cleared])
    }

    @Test func chatteringInputGivesOneEventAndIsHeldUntilItSettles() {
        var tracker = DeviceTracker(device: Self.device([Self.tamper], chattering: .init(changes: 4, within: .seconds(1))), siteID: "s")
        _ = Self.poll(&tracker, [false], at: 0)
        var events: [Event] = []
        for i in 1...20 { events += Self.poll(&tracker, [i % 2 == 1], at: UInt64(i) * 50).events }
        // Four real edges, then one chattering event, then silence.
        #expect(events.map(\.kind) == [.tamper, .tamper, .tamper, .tamper, .chattering])
        #expect(events.last?.state == .active)
        // Quiet for the window: released, and the held input's state is reported.
        #expect(Self.poll(&tracker, [true], at: 1100).events.isEmpty)
        let settled = Self.poll(&tracker, [true], at: 2100).events
        #expect(settled.map(\.kind) == [.chattering, .tamper])
        #expect(settled.map(\.state) == [.cleared, .active])
    }

    @Test func restoredStateReportsOnlyWhatChangedWhileDown() {
        let restored: [String: StoredPoint] = [
            "button": StoredPoint(value: .bool(false), alarm: true),  // latched before the restart
            "tamper": StoredPoint(value: .bool(false), alarm: false),
        ]
        var tracker = DeviceTracker(device: Self.device([Self.sos, Self.tamper]), siteID: "s", restored: restored)
        let first = Self.poll(&tracker, [false, true], at: 0)
        // The latched emergency is not reported twice; the tamper that opened meanwhile is.
        #expect(first.events.map(\.kind) == [.tamper])
        #expect(first.events.first?.detail == "found after restart")
        #expect(tracker.snapshot().activePoints == ["button", "tamper"])
    }

    @Test func exceptionIsAnAnswerNotAnOutage() {
        var tracker = DeviceTracker(device: Self.device([Self.tamper]), siteID: "s")
        _ = Self.poll(&tracker, [false], at: 0)
        for t in 1...5 {
            let out = tracker.pollFailed(reason: "Modbus exception 4", fault: .exception, nowMs: Int64(t))
            #expect(out.events.map(\.kind) == (t == 1 ? [.deviceException] : []))
        }
        #expect(!tracker.isOffline)
        #expect(Self.poll(&tracker, [false], at: 600).events.map(\.state) == [.cleared])
    }
}

extension AlarmRulesTests {
    @Test func offlineBeforeARestartIsNotReportedAgain() {
        var first = DeviceTracker(device: Self.device([Self.tamper]), siteID: "s")
        for t in 0..<3 { _ = first.pollFailed(reason: "timeout", nowMs: Int64(t)) }
        #expect(first.isOffline)
        let saved = first.storedPoints
        #expect(saved[DeviceTracker.deviceRecord] == StoredPoint(value: .bool(false), alarm: true))

        var second = DeviceTracker(device: Self.device([Self.tamper]), siteID: "s", restored: saved)
        for t in 0..<5 { #expect(second.pollFailed(reason: "timeout", nowMs: Int64(t)).events.isEmpty) }
        let back = Self.poll(&second, [false], at: 100)
        #expect(back.events.map(\.kind) == [.deviceOnline])
        #expect(back.events.first?.detail == "found after restart")
        #expect(second.storedPoints[DeviceTracker.deviceRecord] == StoredPoint(value: .bool(true), alarm: false))
    }
}
