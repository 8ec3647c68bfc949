import GatewayCore
import Journal

/// A journal feed that records what it is handed, in order.
final class RecordingFeed: JournalFeed {
    struct Item: Sendable {
        var entry: JournalEntry
        var route: Int?
        var replayed: Bool
    }

    private let lock = ConditionLock()
    private nonisolated(unsafe) var received: [Item] = []

    var items: [Item] { lock.withLock { received } }
    var seqs: [UInt64] { items.map(\.entry.seq) }

    func enqueue(_ entry: JournalEntry, route: Int?, replayed: Bool) {
        lock.withLock { received.append(Item(entry: entry, route: route, replayed: replayed)) }
    }

    func updateState(_ snapshot: DeviceSnapshot) {}
}

func journalEvent(seq: UInt64, severity: Severity = .info, device: String = "gate-1", kind: EventKind = "gate.status") -> Event {
    Event(
        site: "s1", device: device, point: "p", kind: kind, state: .active, severity: severity,
        timestamp: 1_700_000_000_000 + Int64(seq), id: EventID(high: 0x0190_0000_0000_7000 | seq, low: 0x8000_0000_0000_0000 | seq), seq: seq)
}
