/// One event as the journal keeps it, for `campus-gateway events`.
public struct JournalRecord: Sendable, Equatable {
    public var seq: UInt64
    public var id: String
    public var timestamp: Int64
    /// When the journal wrote it (UTC ms).
    public var recorded: Int64
    public var device: String
    public var kind: String
    public var priority: Int
    /// Uplinks that have not acknowledged it yet.
    public var undeliveredTo: [String]
    /// The event JSON; nil once the size cap pruned it (its hash stays in the chain).
    public var payload: [UInt8]?
}

/// What `events` asks for.
public struct JournalFilter: Sendable {
    public var since: Int64?
    public var device: String?
    /// An exact kind or a prefix pattern `alarm.*`.
    public var kind: String?
    /// Only records with a higher seq (for `--follow`).
    public var afterSeq: UInt64
    public var limit: Int

    public init(since: Int64? = nil, device: String? = nil, kind: String? = nil, afterSeq: UInt64 = 0, limit: Int = 10_000) {
        self.since = since
        self.device = device
        self.kind = kind
        self.afterSeq = afterSeq
        self.limit = limit
    }
}
