/// A snapshot of the journal for the status page and metrics.
public struct JournalStats: Sendable, Equatable {
    public var health: JournalHealth
    /// Bytes in use in the database file (pages in use × page size).
    public var sizeBytes: Int64
    /// Journal time (UTC ms) of the oldest event kept; 0 when empty.
    public var oldestRecorded: Int64
    /// Highest seq written.
    public var lastSeq: UInt64
    /// Events written so far by this process, and commits that wrote them.
    public var written: UInt64
    public var commits: UInt64
    /// The last write error, for people; empty when none.
    public var lastError: String

    public init(
        health: JournalHealth = .ok, sizeBytes: Int64 = 0, oldestRecorded: Int64 = 0, lastSeq: UInt64 = 0, written: UInt64 = 0,
        commits: UInt64 = 0, lastError: String = ""
    ) {
        self.health = health
        self.sizeBytes = sizeBytes
        self.oldestRecorded = oldestRecorded
        self.lastSeq = lastSeq
        self.written = written
        self.commits = commits
        self.lastError = lastError
    }
}
