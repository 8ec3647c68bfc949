import GatewayCore

/// One journaled event as uplinks publish it: the JSON written to the journal (and covered
/// by its hash chain) plus what an uplink needs to queue and route it without decoding.
public struct JournalEntry: Sendable, Equatable {
    public var seq: UInt64
    /// The event's id, as text (de-duplication key on the platforms).
    public var id: String
    public var device: String
    public var kind: String
    public var severity: Severity
    /// When the device showed the change, UTC ms: kept as it was however late it is sent.
    public var timestamp: Int64
    /// The event's JSON (docs/mqtt-api.md), exactly as journaled.
    public var payload: [UInt8]
    /// For the delivery trace (see `MonotonicStamp`), none for entries read from disk: the
    /// event's `observedAt`, and when the journal's commit of it returned.
    public var observedAt = MonotonicStamp()
    public var committedAt = MonotonicStamp()

    public init(seq: UInt64, id: String, device: String, kind: String, severity: Severity, timestamp: Int64, payload: [UInt8]) {
        self.seq = seq
        self.id = id
        self.device = device
        self.kind = kind
        self.severity = severity
        self.timestamp = timestamp
        self.payload = payload
    }

    /// The entry for a stamped event.
    public init(_ event: Event) {
        self.init(
            seq: event.seq, id: "\(event.id)", device: event.device, kind: event.kind.rawValue, severity: event.severity, timestamp: event.timestamp,
            payload: event.jsonBytes()
        )
        observedAt = event.observedAt
    }
}
