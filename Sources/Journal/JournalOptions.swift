/// How the journal keeps events.
public struct JournalOptions: Sendable, Equatable {
    /// Events are kept at least this long (unless the size cap forces the delivered
    /// low-priority ones out first).
    public var retention: Duration
    /// Bytes the database may use; past it, delivered events go first, low priority first.
    public var maxSizeBytes: Int64
    /// At most this many events in one commit.
    public var maxBatch: Int
    /// Acknowledgements alone wait up to this long for company before a commit.
    public var acknowledgementDelay: Duration
    /// How often retention runs.
    public var retentionInterval: Duration

    public init(
        retention: Duration = .seconds(90 * 86_400), maxSizeBytes: Int64 = 1 << 30, maxBatch: Int = 1024,
        acknowledgementDelay: Duration = .milliseconds(50), retentionInterval: Duration = .seconds(60)
    ) {
        self.retention = retention
        self.maxSizeBytes = maxSizeBytes
        self.maxBatch = maxBatch
        self.acknowledgementDelay = acknowledgementDelay
        self.retentionInterval = retentionInterval
    }
}
