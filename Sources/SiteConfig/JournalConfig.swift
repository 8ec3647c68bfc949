/// Where and how long the gateway keeps its event journal (`journal:` in the site file).
public struct JournalConfig: Sendable, Equatable {
    /// Where systemd's `StateDirectory=campus-gateway` puts the service's files.
    public static let defaultPath = "/var/lib/campus-gateway/journal.db"

    /// The SQLite file; nil when the site file does not say (the `run` command then uses
    /// `$STATE_DIRECTORY/journal.db`, else `defaultPath`).
    public var path: String?
    /// Days an event is kept at least (unless the size cap needs the room).
    public var retentionDays: Int
    /// Megabytes the journal may use.
    public var maxSizeMegabytes: Int

    public init(path: String? = nil, retentionDays: Int = 90, maxSizeMegabytes: Int = 1024) {
        self.path = path
        self.retentionDays = retentionDays
        self.maxSizeMegabytes = maxSizeMegabytes
    }
}
