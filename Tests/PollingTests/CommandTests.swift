import GatewayCore
import Testing

@testable import Polling

/// Every command ends in exactly one result: done, failed or refused.
@Suite("Commands", .timeLimit(.minutes(1)))
struct CommandTests {
    static func rig() async throws -> PollingRig {
        let rig = try PollingRig([PollingRig.device("panel", TestProfiles.panel, PollingRig.tcp(15200))])
        try rig.start()
        try await rig.events.waitForState("panel") { $0.online }
        return rig
    }

    @Test func writeWithReadBackIsDone() async throws {
        let rig = try await Self.rig()
        let on = await rig.execute("panel", "siren_on")
        #expect(on.outcome == .done)
        #expect(try rig.simulator.get(device: "panel", point: "siren") == 1)
        let off = await rig.execute("panel", "siren_off")
        #expect(off.outcome == .done && off.request.command == "siren_off")
        #expect(try rig.simulator.get(device: "panel", point: "siren") == 0)
        #expect(rig.service.stats().lines[0].commandsDone == 2)
        await rig.stop()
    }

    @Test func pulseWritesBackBeforeDone() async throws {
        let rig = try await Self.rig()
        let result = await rig.execute("panel", "strobe")
        #expect(result.outcome == .done)
        #expect(result.elapsed >= .milliseconds(100))
        await rig.stop()
    }

    @Test func readBackMismatchFailsAndAMatchInTimeIsDone() async throws {
        let rig = try await Self.rig()
        let failed = await rig.execute("panel", "gate_open")
        guard case .failed(let reason) = failed.outcome else {
            Issue.record("expected failed, got \(failed.outcome)")
            return
        }
        #expect(reason.contains("read-back: tamper is 0, expected 1"))
        // The device reaches the state while the gateway is still checking (a long window, so
        // a loaded machine cannot make the test late).
        async let result = rig.execute("panel", "barrier_up")
        try await Task.sleep(for: .milliseconds(50))
        try rig.simulator.press(device: "panel", point: "zone1")
        #expect(await result.outcome == .done)
        await rig.stop()
    }

    @Test func deviceExceptionFailsTheCommand() async throws {
        let rig = try await Self.rig()
        try rig.simulator.inject(.exception(4), device: "panel")
        let result = await rig.execute("panel", "siren_on")
        guard case .failed(let reason) = result.outcome else {
            Issue.record("expected failed, got \(result.outcome)")
            return
        }
        #expect(reason.contains("exception 4"))
        await rig.stop()
    }

    @Test func argumentIsWrittenAndBadOnesAreRefused() async throws {
        let rig = try await Self.rig()
        #expect(await rig.execute("panel", "volume", argument: 7).outcome == .done)
        #expect(try rig.simulator.get(device: "panel", point: "voltage") == 0)  // another table
        let cases: [(String, String, Double?, String)] = [
            ("nowhere", "siren_on", nil, "unknown device 'nowhere'"),
            ("panel", "launch", nil, "unknown command 'launch'"),
            ("panel", "volume", nil, "needs an argument"),
            ("panel", "volume", 70000, "must be a whole number 0–65535"),
            ("panel", "volume", 1.5, "must be a whole number"),
            ("panel", "siren_on", 1, "takes no argument"),
        ]
        for (device, command, argument, expected) in cases {
            let result = await rig.execute(device, command, argument: argument)
            #expect(result.status == "refused" && result.reason.contains(expected), "\(device) \(command): \(result.reason)")
        }
        await rig.stop()
    }

    @Test func commandNamesIncludeTheBuiltIns() async throws {
        let rig = try PollingRig([PollingRig.device("panel", TestProfiles.panel, PollingRig.tcp(15201))])
        #expect(rig.service.commandNames(device: "panel") == ["siren_on", "siren_off", "strobe", "gate_open", "volume", "barrier_up", "reset", "arm", "disarm"])
        #expect(rig.service.commandNames(device: "nowhere") == nil)
        await rig.stop()
    }

    @Test func offlineDeviceFailsAtOnce() async throws {
        let rig = try await Self.rig()
        try rig.simulator.unplug(device: "panel")
        try await rig.events.next("offline") { $0.kind == .deviceOffline }
        // Completed before `execute` returns: nothing was queued on the line.
        let results = ResultBox()
        rig.service.execute(CommandRequest(id: "x", device: "panel", command: "siren_on", origin: "test")) { results.add($0) }
        let result = try #require(results.all.first)
        #expect(result.status == "failed" && result.reason.contains("offline"))
        await rig.stop()
    }

    @Test func commandsQueuedAtStopEachGetOneResult() async throws {
        let rig = try await Self.rig()
        try rig.simulator.inject(.slow(.milliseconds(100)), device: "panel")
        let results = ResultBox()
        for _ in 0..<5 {
            rig.service.execute(CommandRequest(id: "x", device: "panel", command: "siren_on", origin: "test")) { results.add($0) }
        }
        await rig.stop()
        #expect(results.all.count == 5)
        #expect(results.all.allSatisfy { $0.status != "refused" })
    }
}
