import Journal
import Uplinks

/// What the status page and the metrics endpoint show: each uplink (connected, path,
/// backlog, last acknowledgement, acknowledgement latency buckets) and the journal (health,
/// size, oldest record; size and oldest are refreshed by retention, every minute).
public struct GatewayStatistics: Sendable {
    public var uplinks: [UplinkStatus]
    /// Nil when the gateway runs without a journal.
    public var journal: JournalStats?
}

extension Gateway {
    /// A snapshot; cheap, takes each part's lock briefly.
    public var statistics: GatewayStatistics {
        GatewayStatistics(uplinks: uplinks.map(\.status), journal: journal?.stats)
    }
}
