/// One platform link as the status page shows it. Never carries credentials.
public struct UplinkReport: Sendable, Codable, Equatable {
    public var name: String
    public var connected: Bool
    /// How the link is reached now, e.g. `mqtts://police.example:8883`.
    public var path: String
    /// Events queued or in flight, not yet acknowledged.
    public var backlog: Int
    /// Events acknowledged since start.
    public var acknowledged: UInt64
    /// UTC milliseconds of the last acknowledgement; 0 when none.
    public var lastAck: Int64
    public var lastError: String
    /// Publish-to-acknowledgement latency.
    public var ackLatency: LatencyHistogram

    public init(
        name: String, connected: Bool, path: String, backlog: Int, acknowledged: UInt64, lastAck: Int64, lastError: String = "",
        ackLatency: LatencyHistogram = LatencyHistogram()
    ) {
        self.name = name
        self.connected = connected
        self.path = path
        self.backlog = backlog
        self.acknowledged = acknowledged
        self.lastAck = lastAck
        self.lastError = lastError
        self.ackLatency = ackLatency
    }
}
