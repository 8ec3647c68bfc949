import GatewayCore
import GatewayTesting
import Modbus
import Testing

@testable import Polling

/// Each fault has its own counter or event, stops no worker and touches no other line.
@Suite("Faults", .timeLimit(.minutes(1)))
struct FaultTests {
    static func rig() async throws -> PollingRig {
        // Two lines: the faulty device and a healthy one that must not notice.
        let rig = try PollingRig([
            PollingRig.device("faulty", TestProfiles.panel, PollingRig.tcp(15400), timeout: .milliseconds(150)),
            // A generous timeout: a loaded test machine must not make the healthy line fault.
            PollingRig.device("healthy", TestProfiles.panel, PollingRig.tcp(15401), timeout: .seconds(2)),
        ])
        try rig.start()
        try await rig.events.waitForState("faulty") { $0.online }
        try await rig.events.waitForState("healthy") { $0.online }
        return rig
    }

    /// The healthy line keeps polling and reports nothing but its own changes.
    static func expectHealthyUntouched(_ rig: PollingRig) async throws {
        let polls = rig.service.stats().device("healthy")!.polls
        try await rig.events.wait("healthy keeps polling") { _ in rig.service.stats().device("healthy")!.polls >= polls + 3 }
        #expect(!rig.events.events.contains { $0.device == "healthy" })
        #expect(rig.service.stats().line(rig.service.stats().device("healthy")!.bus)!.faults.isEmpty)
    }

    @Test func unpluggedDeviceIsOfflineAfterThreeFailedPollsAndBackAfterAProbe() async throws {
        let rig = try await Self.rig()
        try rig.simulator.unplug(device: "faulty")
        let offline = try await rig.events.next("offline") { $0.kind == .deviceOffline }
        #expect(offline.device == "faulty")
        let stats = rig.service.stats()
        let line = stats.line(stats.device("faulty")!.bus)!
        // Unplugged, the endpoint refuses connections: attempts are counted, and polls in the
        // reconnect backoff fail without one.
        #expect(stats.device("faulty")!.failedPolls >= 3)
        #expect(line.faultCount(.connection) >= 1 && !line.connected)
        try await Self.expectHealthyUntouched(rig)
        try rig.simulator.plug(device: "faulty")
        // Back within one offline probe (2 s) of answering.
        try await rig.events.next("online", timeout: .seconds(4)) { $0.kind == .deviceOnline }
        await rig.stop()
    }

    @Test func exceptionResponsesRaiseDeviceException() async throws {
        let rig = try await Self.rig()
        try rig.simulator.inject(.exception(4), device: "faulty")
        let event = try await rig.events.next("exception") { $0.kind == .deviceException }
        #expect(event.state == .active && event.detail.contains("exception 4"))
        #expect(rig.service.stats().device("faulty")!.faults[.exception, default: 0] >= 1)
        try rig.simulator.inject(nil, device: "faulty")
        try await rig.events.next("exception cleared") { $0.kind == .deviceException && $0.state == .cleared }
        #expect(!rig.events.events.contains { $0.kind == .deviceOffline })
        try await Self.expectHealthyUntouched(rig)
        await rig.stop()
    }

    @Test func garbledAnswersAreCountedAndMakeTheDeviceOffline() async throws {
        let rig = try await Self.rig()
        try rig.simulator.inject(.garble, device: "faulty")
        let offline = try await rig.events.next("offline") { $0.kind == .deviceOffline }
        #expect(offline.device == "faulty")
        #expect(rig.service.stats().device("faulty")!.faults[.garbled, default: 0] >= 3)
        try await Self.expectHealthyUntouched(rig)
        await rig.stop()
    }

    @Test func slowAnswersAreCountedWithoutAFault() async throws {
        let rig = try await Self.rig()
        // 100 ms of a 150 ms timeout: answered, but slow.
        try rig.simulator.inject(.slow(.milliseconds(100)), device: "faulty")
        try await rig.events.wait("slow answers") { _ in
            let stats = rig.service.stats()
            return stats.line(stats.device("faulty")!.bus)!.slowAnswers >= 3
        }
        let stats = rig.service.stats()
        let line = stats.line(stats.device("faulty")!.bus)!
        // Answers, not faults (a timeout or two may still come from a loaded machine).
        #expect(line.faultCount(.exception) + line.faultCount(.garbled) + line.faultCount(.crc) == 0)
        #expect((line.latency.quantileMs(0.99) ?? 0) >= 100)
        #expect(!rig.events.events.contains { $0.kind == .deviceOffline })
        await rig.stop()
    }

    @Test func badCRCOnAnRTULineIsCountedAsCRC() async throws {
        let pair = try SerialPair()
        defer { pair.stop() }
        let line = DeviceConnection.rtu(.init(path: pair.clientPath, baud: 115200))
        let rig = try PollingRig(
            [PollingRig.device("rtu-1", TestProfiles.panel, line, unit: 1), PollingRig.device("rtu-2", TestProfiles.panel, line, unit: 2)],
            serialPaths: [pair.clientPath: pair.serverPath]
        )
        try rig.start()
        try await rig.events.waitForState("rtu-1") { $0.online }
        try rig.simulator.inject(.badCRC, device: "rtu-1")
        try await rig.events.next("offline") { $0.kind == .deviceOffline && $0.device == "rtu-1" }
        let stats = rig.service.stats()
        #expect(stats.lines[0].faultCount(.crc) >= 3)
        #expect(stats.device("rtu-2")!.snapshot.online)
        // The other unit on the same line goes on answering.
        try rig.simulator.press(device: "rtu-2", point: "tamper")
        try await rig.events.next("tamper on rtu-2") { $0.device == "rtu-2" && $0.kind == .tamper }
        await rig.stop()
    }

    @Test func offlineBoundIsOfflineAfterPollsTimesPollPlusTimeout() {
        // The documented bound: offline_after × (poll + timeout), here 3 × (50 + 150) ms.
        let device = PollingRig.device("d", TestProfiles.panel, PollingRig.tcp(1), timeout: .milliseconds(150))
        #expect(PollingService.offlineBound(device) == .milliseconds(600))
    }
}
