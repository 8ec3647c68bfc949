import Foundation
import GatewayTesting
import Journal
import Testing

/// Reloads that change the uplink list while events flow: only the uplinks that are
/// removed or reconfigured disconnect; the others stay connected, wherever they now stand
/// in the list, and the journal still owes each name exactly what it has not acknowledged.
@Suite(.timeLimit(.minutes(1)))
struct ReloadUplinkTests {
    static let edu = #"{ name: edu, url: "mqtt://127.0.0.1:{broker}", topic_prefix: edu/v1/t1 }"#
    static let police = #"{ name: police, url: "mqtt://127.0.0.1:{broker}", topic_prefix: campus/v1/t1, username: gateway, password: "\#(DaemonRig.password)" }"#

    /// What the journal file still owes each uplink, by name, once the daemon has stopped.
    private func owed(_ rig: DaemonRig) throws -> [String: Int] {
        let store = try JournalStore(path: rig.directory.file("journal.db"), readOnly: true)
        var owed: [String: Int] = [:]
        for (bit, name) in try store.uplinkNames() { owed[name] = try store.backlog(bit: bit) }
        return owed
    }

    private func everyTamperEvent(_ rig: DaemonRig, prefix: String, times: Int) async throws -> [String?] {
        try await rig.subscriber.waitForCount(2 * times, "every tamper event at \(prefix)", matching: { message in
            message.topic == "\(prefix)/events/gate-east-sos" && message.string.contains("alarm.tamper")
        })
        return rig.tamperEvents(prefix: prefix).map { $0["state"] as? String }
    }

    private func opensAndCloses(_ times: Int) -> [String?] {
        Array(repeating: ["active", "cleared"], count: times).flatMap { $0 }
    }

    @Test func aRemovedUplinkSaysGoodbyeAndThePoliceStayConnected() async throws {
        let rig = try await DaemonRig(journal: true, extraUplinks: [Self.edu])
        try await rig.status("both uplinks connected") { $0.onlineDeviceCount == 2 && $0.connectedUplinkCount == 2 }
        let flow = Task { try await rig.toggleTamper(times: 4) }
        try rig.rewriteSite(rig.siteYAML())
        await rig.daemon.reload()
        try await flow.value

        let status = try await rig.status("edu gone") { $0.uplinks.map(\.name) == ["police"] && $0.connectedUplinkCount == 1 }
        #expect(status.lastReload?.lines == ["uplink removed: edu"])
        #expect(try await everyTamperEvent(rig, prefix: "campus/v1/t1", times: 4) == opensAndCloses(4))
        // The police connection never dropped, so nothing came twice either.
        let all = rig.seqs(prefix: "campus/v1/t1")
        #expect(all == Array(1...(all.last ?? 0)), "seq gap-free, each once: \(all)")
        #expect(rig.statuses(prefix: "edu/v1/t1") == ["online", "offline"])
        #expect(rig.statuses(prefix: "campus/v1/t1") == ["online"])
        try await rig.stop()
        #expect(try owed(rig) == ["police": 0])
    }

    @Test func aReconfiguredUplinkReconnectsAndCatchesUpWhileThePoliceStayConnected() async throws {
        let rig = try await DaemonRig(journal: true, extraUplinks: [Self.edu])
        try await rig.status("both uplinks connected") { $0.onlineDeviceCount == 2 && $0.connectedUplinkCount == 2 }
        let flow = Task { try await rig.toggleTamper(times: 4) }
        try rig.rewriteSite(rig.siteYAML(extraUplinks: [Self.edu.replacingOccurrences(of: " }", with: ", heartbeat: 20s }")]))
        await rig.daemon.reload()
        try await flow.value

        let status = try await rig.status("edu back") { $0.connectedUplinkCount == 2 && $0.lastReload != nil }
        #expect(status.lastReload?.lines == ["uplink changed: edu"])
        #expect(try await everyTamperEvent(rig, prefix: "campus/v1/t1", times: 4) == opensAndCloses(4))
        let police = rig.seqs(prefix: "campus/v1/t1")
        #expect(police == Array(1...(police.last ?? 0)), "seq gap-free, each once: \(police)")
        #expect(rig.statuses(prefix: "campus/v1/t1") == ["online"])
        // Edu's new connection is handed what the old one left unacknowledged: every event
        // at least once (one whose PUBACK was on its way may come again).
        try await rig.subscriber.waitForCount(Set(police).count, "every event at edu", matching: { message in
            message.topic.hasPrefix("edu/v1/t1/events/")
        })
        let edu = Array(Set(rig.seqs(prefix: "edu/v1/t1"))).sorted()
        #expect(edu == Array(1...(edu.last ?? 0)) && edu.count >= Set(police).count, "edu \(edu), police \(police)")
        #expect(rig.statuses(prefix: "edu/v1/t1") == ["online", "offline", "online"])
        try await rig.stop()
        #expect(try owed(rig) == ["police": 0, "edu": 0])
    }

    @Test func reorderedUplinksStayConnectedAndAcknowledgeUnderTheirOwnNames() async throws {
        let rig = try await DaemonRig(journal: true, extraUplinks: [Self.edu])
        try await rig.status("both uplinks connected") { $0.onlineDeviceCount == 2 && $0.connectedUplinkCount == 2 }
        let flow = Task { try await rig.toggleTamper(times: 4) }
        try rig.rewriteSite(rig.siteYAML(extraUplinks: [Self.edu, Self.police], police: false))
        await rig.daemon.reload()
        try await flow.value

        let status = try await rig.status("the new order") { $0.uplinks.map(\.name) == ["edu", "police"] && $0.lastReload != nil }
        #expect(status.lastReload?.lines == ["uplinks reordered"])
        for prefix in ["campus/v1/t1", "edu/v1/t1"] {
            #expect(try await everyTamperEvent(rig, prefix: prefix, times: 4) == opensAndCloses(4))
            let all = rig.seqs(prefix: prefix)
            #expect(all == Array(1...(all.last ?? 0)), "\(prefix): seq gap-free, each once: \(all)")
            #expect(rig.statuses(prefix: prefix) == ["online"])
        }
        try await rig.stop()
        #expect(try owed(rig) == ["police": 0, "edu": 0])
    }
}
