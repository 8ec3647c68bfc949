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
