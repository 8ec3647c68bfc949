/// A message received on a subscription.
public struct MQTTMessage: Sendable, Equatable {
    public var topic: String
    public var payload: [UInt8]
    public var qos: MQTTQoS
    /// True when the broker delivered a retained message (sent on subscribe).
    public var retained: Bool

    public init(topic: String, payload: [UInt8], qos: MQTTQoS, retained: Bool) {
        self.topic = topic
        self.payload = payload
        self.qos = qos
        self.retained = retained
    }

    /// The payload as UTF-8 text (invalid bytes replaced).
    public var string: String { String(decoding: payload, as: UTF8.self) }
}
