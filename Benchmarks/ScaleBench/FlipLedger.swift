import GatewayTesting

/// What the soak caused and what reached the subscriber, so lost events can be counted:
/// every expected event must arrive at least once; a repeat is a duplicate only when it has
/// an id already seen (at-least-once delivery, docs/mqtt-api.md), anything else is extra.
struct FlipLedger {
    /// (device, point or kind, state) → how many were caused, and distinct ids that arrived.
    private(set) var expected: [String: Int] = [:]
    private var received: [String: Set<String>] = [:]
    private var ids = Set<String>()
    private(set) var duplicates = 0
    private(set) var replayed = 0
    private(set) var messages = 0
    private var cursor = 0

    static func key(_ device: String, _ what: String, _ state: String) -> String { "\(device) \(what) \(state)" }

    mutating func expect(_ device: String, _ what: String, _ state: String) {
        expected[Self.key(device, what, state), default: 0] += 1
    }

    /// Takes the events received since the last call.
    mutating func collect(_ subscriber: TestSubscriber) {
        let all = subscriber.messages
        while cursor < all.count {
            let message = all[cursor]
            cursor += 1
            guard let json = try? message.json(), let id = json["id"] as? String, let device = json["device"] as? String,
                  let state = json["state"] as? String, let kind = json["kind"] as? String
            else { continue }
            messages += 1
            if json["replayed"] as? Bool == true { replayed += 1 }
            guard ids.insert(id).inserted else {
                duplicates += 1
                continue
            }
            let point = json["point"] as? String ?? ""
            let what = kind.hasPrefix("device.") ? kind : "\(point) \(kind)"
            received[Self.key(device, what, state), default: []].insert(id)
        }
    }

    /// Expected events with no arrival yet.
    var lost: Int { expected.reduce(0) { $0 + max(0, $1.value - (received[$1.key]?.count ?? 0)) } }

    /// Distinct events beyond what was caused, for the keys the soak caused.
    var extra: Int { expected.reduce(0) { $0 + max(0, (received[$1.key]?.count ?? 0) - $1.value) } }

    var expectedCount: Int { expected.values.reduce(0, +) }

    /// The keys still short, for the report.
    var shortfall: [String] {
        expected.compactMap { key, count in
            let got = received[key]?.count ?? 0
            return got < count ? "\(key): \(got) of \(count)" : nil
        }.sorted()
    }
}
