/// Tuning of an `Uplink` beyond the site file's `UplinkConfig`; the defaults suit production.
public struct UplinkOptions: Sendable {
    /// Reported in the birth message.
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

    public init(
        gatewayVersion: String = "0.1.0", maxInFlight: Int = 64, emergencyReserve: Int = 16,
        shutdownAckTimeout: Duration = .seconds(1), protocolVersion: MQTTClientOptions.ProtocolVersion = .v311
    ) {
        self.gatewayVersion = gatewayVersion
        self.maxInFlight = max(1, maxInFlight)
        self.emergencyReserve = max(0, emergencyReserve)
        self.shutdownAckTimeout = shutdownAckTimeout
        self.protocolVersion = protocolVersion
    }
}
