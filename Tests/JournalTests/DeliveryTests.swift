import Foundation
import GatewayCore
import GatewayTesting
import Journal
import Testing

/// The journal's promise end to end, with a real broker: nothing journaled is lost.
@Suite(.serialized) struct DeliveryTests {
    /// Long enough for the uplink to notice; CAMPUS_GATEWAY_LONG_TESTS=1 makes it the 30 s of the acceptance test.
    static let outage: Duration = ProcessInfo.processInfo.environment["CAMPUS_GATEWAY_LONG_TESTS"] == nil ? .seconds(1) : .seconds(30)

    @Test func aBrokerOutageDuring1000EventsLosesNoneAndKeepsOrderPerPriority() async throws {
        let rig = try await JournalRig()
        defer { rig.shutdown() }
        let gateway = try rig.startGateway()
        _ = try await rig.subscriber.next("birth") { $0.topic == "\(JournalRig.prefix)/status" && $0.string.contains("online") }
        rig.broker.stop()
        gateway.submit(1000)
        try await eventually("1000 events journaled") { gateway.gateway.journal?.stats.lastSeq ?? 0 >= 1000 }
        try await Task.sleep(for: Self.outage)
        try rig.broker.start()
        try await rig.waitForDistinctEvents(1000)
        let events = rig.events
        #expect(checkOrderPerPriority(events).isEmpty, "\(checkOrderPerPriority(events).prefix(5))")
        #expect(events.allSatisfy { $0["replayed"] as? Bool == true })
        #expect(Set(events.compactMap { $0["ts"] as? Int }).count == 1000)  // the original device times
        try await gateway.stop()
        let problems = try MQTTAPIContract.repository().problems(in: rig.subscriber.messages, prefix: JournalRig.prefix)
        #expect(problems.isEmpty, "\(problems.prefix(5))")
        let journal = try JournalStore(path: rig.journalPath, readOnly: true)
        #expect(try journal.backlog(bit: 0) == 0)
    }

    @Test func anEmergencyBehindA20000EventBacklogIsTheFirstEventAfterReconnect() async throws {
        let rig = try await JournalRig()
        defer { rig.shutdown() }
        let gateway = try rig.startGateway()
        _ = try await rig.subscriber.next("birth") { $0.topic == "\(JournalRig.prefix)/status" && $0.string.contains("online") }
        rig.broker.stop()
        gateway.submit(20_000, severities: [.info])
        gateway.submit(1, severities: [.critical])
        try await eventually("backlog journaled", timeout: .seconds(60)) { gateway.gateway.journal?.stats.lastSeq ?? 0 >= 20_001 }
        try rig.broker.start()
        let first = try await rig.subscriber.next("first event after reconnect", timeout: .seconds(30)) {
            $0.topic.hasPrefix("\(JournalRig.prefix)/events/")
        }
        #expect(try first.json()["severity"] as? String == "critical", "\(first)")
        #expect(try first.json()["seq"] as? Int == 20_001)
        try await gateway.stop()
    }

    @Test func aGatewayKilledDuringAFloodDeliversEveryJournaledEventAfterRestart() async throws {
        let rig = try await JournalRig()
        defer { rig.shutdown() }
        let flood = try FloodProcess.start(site: rig.sitePath, journal: rig.journalPath, count: 5000)
        _ = try await rig.subscriber.waitForCount(300, "events before the kill", timeout: .seconds(60)) {
            $0.topic == "\(JournalRig.prefix)/events/flood"
        }
        flood.kill()
        let journaled = try JournalStore(path: rig.journalPath, readOnly: true).records(JournalFilter(device: "flood", limit: 100_000))
        let received = rig.subscriber.messages.filter { $0.topic == "\(JournalRig.prefix)/events/flood" }.compactMap { try? $0.json() }
        let journaledIDs = Set(journaled.map(\.id))
        // Written before published: nothing reached the platform that the journal does not hold.
        #expect(received.allSatisfy { journaledIDs.contains($0["id"] as? String ?? "") })
        #expect(journaled.map(\.seq).first == 1)

        // Restart: the rest is replayed, and new events continue the sequence.
        let again = try FloodProcess.start(site: rig.sitePath, journal: rig.journalPath, count: 4)
        defer { again.kill() }
        let deadline = ContinuousClock.now + .seconds(60)
        var ids: Set<String> = []
        while !journaledIDs.isSubset(of: ids), ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(50))
            ids = Set(rig.subscriber.messages.filter { $0.topic == "\(JournalRig.prefix)/events/flood" }.compactMap { try? $0.json()["id"] as? String })
        }
        #expect(journaledIDs.isSubset(of: ids), "\(journaledIDs.subtracting(ids).count) journaled events never arrived")
        let all = rig.subscriber.messages.filter { $0.topic == "\(JournalRig.prefix)/events/flood" }.compactMap { try? $0.json() }
        let seqToIDs = Dictionary(grouping: all, by: { $0["seq"] as? Int ?? 0 }).mapValues { Set($0.compactMap { $0["id"] as? String }) }
        #expect(seqToIDs.values.allSatisfy { $0.count == 1 }, "a seq arrived with two different ids")
        let lastBefore = Int(journaled.map(\.seq).max() ?? 0)
        try await eventually("new events after restart", timeout: .seconds(30)) {
            let seqs = rig.subscriber.messages.filter { $0.topic == "\(JournalRig.prefix)/events/flood" }.compactMap { try? $0.json()["seq"] as? Int }
            return seqs.contains { $0 > lastBefore }
        }
        let newSeqs = rig.subscriber.messages.compactMap { try? $0.json() }.filter { $0["device"] as? String == "flood" }
            .compactMap { $0["seq"] as? Int }.filter { $0 > lastBefore }
        #expect(newSeqs.min() == lastBefore + 1 || newSeqs.min() == lastBefore + 2)  // + 1 unless a device.offline took it
        let problems = try MQTTAPIContract.repository().problems(in: rig.subscriber.messages, prefix: JournalRig.prefix)
        #expect(problems.isEmpty, "\(problems.prefix(5))")
    }
}

/// The GatewayFlood tool as a child process.
struct FloodProcess {
    let process: ChildProcess
    let directory: TemporaryDirectory

    static var path: String {
        let beside = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for folder in [beside, beside.deletingLastPathComponent()] {
            let candidate = folder.appendingPathComponent("GatewayFlood").path
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return JournalRig.repositoryRoot + "/.build/debug/GatewayFlood"
    }

    static func start(site: String, journal: String, count: Int) throws -> FloodProcess {
        let directory = try TemporaryDirectory(prefix: "flood")
        let child = try ChildProcess(
            path: path, arguments: [site, journal, "\(count)"], stdout: directory.file("out"), stderr: directory.file("err"))
        return FloodProcess(process: child, directory: directory)
    }

    func kill() {
        var process = process
        process.signal(SIGKILL)
        _ = process.wait(timeout: .seconds(10))
    }
}

@Suite struct JournalTroubleTests {
    /// A full disk: alarms keep flowing from memory, and platforms are told, as an event and
    /// on the retained status.
    @Test func aFullDiskIsReportedWhileAlarmsKeepFlowing() async throws {
        let rig = try await JournalRig()
        defer { rig.shutdown() }
        let gateway = try rig.startGateway()
        _ = try await rig.subscriber.next("birth") { $0.topic == "\(JournalRig.prefix)/status" && $0.string.contains(#""journal":"ok""#) }
        gateway.gateway.journal?.limitPagesForTesting(1)
        gateway.submit(400, severities: [.critical, .info])
        try await rig.waitForDistinctEvents(400)
        _ = try await rig.subscriber.next("status showing the full journal") {
            $0.topic == "\(JournalRig.prefix)/status" && $0.string.contains(#""journal":"full""#)
        }
        let raised = try await rig.subscriber.next("the journal event") { $0.topic == "\(JournalRig.prefix)/events/gateway" }
        #expect(try raised.json()["kind"] as? String == "gateway.journal_full")
        #expect(gateway.gateway.statistics.journal?.health == .full)
        let problems = try MQTTAPIContract.repository().problems(in: rig.subscriber.messages, prefix: JournalRig.prefix)
        #expect(problems.isEmpty, "\(problems.prefix(5))")
        try await gateway.stop()
    }
}
