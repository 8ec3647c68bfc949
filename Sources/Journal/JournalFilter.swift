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
