import Foundation
import GatewayCore
import GatewayTesting
import Journal
import Logging
import Testing

@Suite struct EventsCommandTests {
    let directory: TemporaryDirectory
    var path: String { directory.file("journal.db") }

    init() async throws {
        directory = try TemporaryDirectory(prefix: "events-cli")
        let journal = Journal(path: directory.file("journal.db"), siteID: "s1", uplinks: ["police"], logger: Logger(label: "test"))
        journal.attach(feeds: [])
        try journal.start()
        let kinds: [(EventKind, Severity, String)] = [
            (.emergency, .critical, "sos-1"), ("gate.status", .info, "gate-1"), (.intrusion, .major, "wall-1"),
        ]
        for seq in 1...6 {
            let (kind, severity, device) = kinds[(seq - 1) % 3]
            journal.dispatch(
                Event(site: "s1", device: device, point: "p", kind: kind, state: .active, severity: severity,
                      timestamp: WallClock.nowMilliseconds() - Int64(7 - seq) * 3_600_000, id: EventID(high: 0x0190_0000_0000_7000 | UInt64(seq), low: 0x8000_0000_0000_0000 | UInt64(seq)), seq: UInt64(seq)),
                to: .all(1))
        }
        journal.acknowledged(seq: 1, uplink: "police")
        journal.stop()
    }

    @Test func listsEventsWithFilters() async throws {
        let all = try await GatewayBinary.runPolling(["events", "--journal", path])
        #expect(all.status == 0)
        #expect(all.stdout.split(separator: "\n").count == 6)
        #expect(all.stdout.contains("Z  seq 1  critical  alarm.emergency active  sos-1/p  id 01900000-0000-7001-8000-000000000001"))
        #expect(!all.stdout.split(separator: "\n")[0].contains("undelivered"))
        #expect(all.stdout.split(separator: "\n")[3].hasSuffix("undelivered: police"))

        let alarms = try await GatewayBinary.runPolling(["events", "--journal", path, "--kind", "alarm.*", "--since", "270m"])
        #expect(alarms.stdout.split(separator: "\n").map { $0.contains("seq 3") || $0.contains("seq 4") || $0.contains("seq 6") } == [true, true, true])

        let device = try await GatewayBinary.runPolling(["events", "--journal", path, "--device", "gate-1", "--json"])
        let lines = device.stdout.split(separator: "\n")
        #expect(lines.count == 2)
        let first = try JSONSerialization.jsonObject(with: Data(lines[0].utf8)) as? [String: Any]
        #expect(first?["seq"] as? Int == 2)
        #expect(first?["device"] as? String == "gate-1")
    }

    @Test func verifyPassesOnAnIntactJournalAndFailsOnATamperedOne() async throws {
        let intact = try await GatewayBinary.runPolling(["events", "--journal", path, "--verify"])
        #expect(intact.status == 0)
        #expect(intact.stdout.contains("intact: 6 records (seq 1–6)"))

        let db = try SQLiteConnection(path: path)
        try db.execute("UPDATE events SET payload = replace(payload, 'sos-1', 'sos-9') WHERE seq = 4")
        let broken = try await GatewayBinary.runPolling(["events", "--journal", path, "--verify", "--json"])
        #expect(broken.status == 1)
        let report = try JSONSerialization.jsonObject(with: Data(broken.stdout.utf8)) as? [String: Any]
        #expect(report?["intact"] as? Bool == false)
        #expect((report?["problems"] as? [String])?.first?.hasPrefix("seq 4:") == true)
    }

    @Test func aMissingJournalIsAnError() async throws {
        let result = try await GatewayBinary.runPolling(["events", "--journal", directory.file("nope.db")])
        #expect(result.status == 1)
        #expect(result.stderr.contains("no journal at"))
    }
}
