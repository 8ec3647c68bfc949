/// What a client's network thread reports. Delivered on that thread: handlers must return
/// quickly and never block.
public enum MQTTClientEvent: Sendable, Equatable {
    /// CONNACK arrived; `code` 0 means accepted, otherwise the broker's refusal.
    case connected(code: Int32, reason: String)
    /// The connection ended; `code` 0 means we asked for it (`shutdown`).
    case disconnected(code: Int32, reason: String)
    /// The broker acknowledged a QoS 1/2 message (or a QoS 0 message was written out).
    case published(messageID: Int32)
    /// The broker answered the QoS 1 message with a failure reason code (MQTT 5, ≥ 128:
    /// not authorised, quota exceeded …): it was not accepted.
    case refused(messageID: Int32, reason: Int32)
    /// SUBACK arrived with the granted QoS per filter (128 = refused).
    case subscribed(messageID: Int32, grantedQoS: [Int32])
    case message(MQTTMessage)
}
