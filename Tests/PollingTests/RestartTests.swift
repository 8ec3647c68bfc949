import Foundation
import GatewayCore
import GatewayTesting
import Testing

@testable import Polling

/// After a restart the gateway reports what changed while it was down, once, and nothing
/// it had already reported.
@Suite("Restart reconciliation", .timeLimit(.minutes(1)))
struct RestartTests {
    @Test func changesWhileDownAreReportedOnceAndFlagged() async throws {
        let directory = try TemporaryDirectory()
        let stateFile = directory.file("state")
        let devices = [PollingRig.device("panel", TestProfiles.panel, PollingRig.tcp(15500))]

        // First run: an emergency (latched) and an open tamper are reported and saved.
        let first = try PollingRig(devices, stateFile: stateFile)
        try first.start()
        try await first.events.waitForState("panel") { $0.online }
        try first.simulator.press(device: "panel", point: "button")
        try first.simulator.press(device: "panel", point: "tamper")
        try first.simulator.press(device: "panel", point: "presses")
        try await first.events.waitForState("panel") { Set($0.activePoints) == ["button", "tamper"] && $0.points.contains { $0.id == "presses" && $0.value == .int(1) } }
        await first.stop()
        #expect(FileManager.default.fileExists(atPath: stateFile))

        // While the gateway is down: the button is released (still latched), the tamper is
        // closed, and two presses are counted.
        let second = try PollingRig(devices, stateFile: stateFile)
        try second.simulator.press(device: "panel", point: "button")
        try second.simulator.release(device: "panel", point: "button")
        try second.simulator.set(device: "panel", point: "presses", value: 3)
        try second.start()
        try await second.events.waitForState("panel") { $0.online }
        let events = second.events.events
        #expect(events.map(\.kind) == [.tamper, "patrol.checkpoint"])
        #expect(events.allSatisfy { $0.detail.contains("found after restart") })
        #expect(events.first?.state == .cleared)
        #expect(events.last?.detail == "2 presses; found after restart")
        // The emergency is still latched, and was not reported again.
        #expect(second.events.state("panel")?.activePoints == ["button"])
        #expect(await second.execute("panel", "reset").outcome == .done)
        await second.stop()
    }

    @Test func stateFileRoundTripsAndSkipsDamage() throws {
        let text = DeviceStateStore.header + "\npanel\tbutton\t1\tb0\npanel\tvoltage\t0\td12.5\nbroken line\npanel\tcount\t0\ti42\n"
        let parsed = DeviceStateStore.parse(text)
        #expect(parsed["panel"]?["button"] == StoredPoint(value: .bool(false), alarm: true))
        #expect(parsed["panel"]?["voltage"] == StoredPoint(value: .double(12.5), alarm: false))
        #expect(parsed["panel"]?["count"] == StoredPoint(value: .int(42), alarm: false))
        #expect(parsed["panel"]?.count == 3)
        #expect(DeviceStateStore.parse("something else\npanel\tbutton\t1\tb0\n").isEmpty)
    }
}

extension RestartTests {
    @Test func unwritableStateFileIsReportedOnce() {
        let store = DeviceStateStore(path: "/nonexistent-folder/state")
        let first = store.update(device: "d", points: ["p": StoredPoint(value: .bool(true), alarm: true)], urgent: true)
        #expect(first?.contains("cannot write /nonexistent-folder/state") == true)
        #expect(store.update(device: "d", points: [:], urgent: true) == nil, "the same problem is not reported again")
    }
}

extension RestartTests {
    @Test func aDisarmedZoneStaysDisarmedAcrossARestart() throws {
        let directory = try TemporaryDirectory()
        let path = directory.file("state")
        let devices = [PollingRig.device("panel", TestProfiles.panel, PollingRig.tcp(1), zone: "north")]
        let sink = EventCollector()
        let first = ZoneBoard(devices: devices, siteID: "s", sink: sink, store: DeviceStateStore(path: path))
        #expect(first.set(false, zone: "north", origin: "test"))
        let second = ZoneBoard(devices: devices, siteID: "s", sink: sink, store: DeviceStateStore(path: path))
        #expect(second.isArmed("north") == false)
        #expect(second.set(true, zone: "north", origin: "test"))
        #expect(ZoneBoard(devices: devices, siteID: "s", sink: sink, store: DeviceStateStore(path: path)).isArmed("north"))
        #expect(sink.events.map(\.kind) == [.zoneDisarmed, .zoneArmed])
    }
}
