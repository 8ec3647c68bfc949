/// Tuning of an `Uplink` beyond the site file's `UplinkConfig`; the defaults suit production.
public struct UplinkOptions: Sendable {
    /// The gateway's version, reported in the birth message (`version`). The executable
    /// passes its own; the default is only for tests and tools.
    public var gatewayVersion: String
    /// QoS 1 messages (events, states, statuses) in flight at once. Bounded so a slow link
    /// holds few messages outside the priority queue.
    public var maxInFlight: Int
    /// Extra in-flight room only emergencies (lane 0) may use, so an emergency is sent at
    /// once even when the window is full of lower-priority traffic.
    public var emergencyReserve: Int
    /// How long a clean shutdown waits for the broker to acknowledge the `offline` status.
    public var shutdownAckTimeout: Duration
    public var protocolVersion: MQTTClientOptions.ProtocolVersion
    /// How long a shutdown keeps publishing what is queued or in flight (in the usual
    /// priority order, waiting for a reconnect if the link is down) before it publishes the
    /// `offline` status and disconnects. Whatever is still unacknowledged then is lost, and
    /// logged. Kept well under systemd's stop timeout (90 s by default): the whole shutdown
    /// takes at most about this plus `shutdownAckTimeout` plus 1 s.
    public var drainTimeout: Duration
    /// While on the backup path, how often the primary is checked (and returned to).
    public var failbackInterval: Duration
    /// With a journal: events one lane keeps in memory; the rest wait in the journal file
    /// and are read back `pageSize` at a time, so a long outage does not grow the process.
    public var memoryQueueLimit: Int
    public var pageSize: Int
    /// Where acknowledged events' timings go (a measurement aid); the process's trace from
    /// `CAMPUS_GATEWAY_DELIVERY_TRACE` by default, nil when it is unset.
    public var deliveryTrace: DeliveryTrace?

    public init(
        gatewayVersion: String = "0.1.0", maxInFlight: Int = 64, emergencyReserve: Int = 16,
        shutdownAckTimeout: Duration = .seconds(1), protocolVersion: MQTTClientOptions.ProtocolVersion = .v311,
        drainTimeout: Duration = .seconds(3), failbackInterval: Duration = .seconds(30), memoryQueueLimit: Int = 10_000,
        pageSize: Int = 500, deliveryTrace: DeliveryTrace? = DeliveryTrace.fromEnvironment
    ) {
        self.deliveryTrace = deliveryTrace
        self.memoryQueueLimit = max(1, memoryQueueLimit)
        self.pageSize = max(1, pageSize)
        self.failbackInterval = failbackInterval
        self.gatewayVersion = gatewayVersion
        self.maxInFlight = max(1, maxInFlight)
        self.emergencyReserve = max(0, emergencyReserve)
        self.shutdownAckTimeout = shutdownAckTimeout
        self.protocolVersion = protocolVersion
        self.drainTimeout = max(.zero, drainTimeout)
    }
}
