import Journal

/// An event waiting in an uplink's lanes or in flight: the journaled entry, the route that
/// chose this uplink, and whether it is sent late (after an outage or a restart).
struct OutgoingEvent: Sendable {
    var entry: JournalEntry
    var route: Int?
    var replayed: Bool

    /// The bytes to publish: the journaled JSON, plus `"replayed":true` before its closing
    /// brace when sent late, so a platform can tell a replay from a live alarm while `ts`
    /// keeps the original time.
    var payload: [UInt8] {
        guard replayed, entry.payload.last == UInt8(ascii: "}") else { return entry.payload }
        var bytes = entry.payload
        bytes.removeLast()
        bytes.append(contentsOf: Array(#","replayed":true}"#.utf8))
        return bytes
    }
}
