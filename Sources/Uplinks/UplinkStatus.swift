import GatewayCore

/// What an uplink reports about itself (status page, logs, tests).
public struct UplinkStatus: Sendable, Equatable {
    /// Bucket bounds of the publish-to-PUBACK times, in milliseconds.
    public static let latencyBoundsMs: [Double] = [1, 5, 10, 25, 50, 100, 250, 500, 1000, 5000]

    public var name: String
    public var connected: Bool
    /// Events queued or in flight, not yet acknowledged by the broker.
    public var backlog: Int
    /// Events the broker has acknowledged (PUBACK) since start.
    public var acknowledged: UInt64
    /// UTC ms of the last PUBACK; 0 when none.
    public var lastAcknowledgement: Int64
    /// Last connection error, empty when none.
    public var lastError: String
    /// Publish-to-PUBACK times of events since start.
    public var latency: MillisecondHistogram
    /// The broker address in use (or last used): the primary or the backup.
    public var path: MQTTPath

    public init(
        name: String, connected: Bool, backlog: Int, acknowledged: UInt64, lastAcknowledgement: Int64, lastError: String,
        latency: MillisecondHistogram = MillisecondHistogram(boundsMs: UplinkStatus.latencyBoundsMs), path: MQTTPath = .primary
    ) {
        self.latency = latency
        self.path = path
        self.name = name
        self.connected = connected
        self.backlog = backlog
        self.acknowledged = acknowledged
        self.lastAcknowledgement = lastAcknowledgement
        self.lastError = lastError
    }
}
