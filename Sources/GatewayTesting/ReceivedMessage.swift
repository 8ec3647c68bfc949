import Foundation
import Uplinks

/// One message a `TestSubscriber` received, in arrival order.
public struct ReceivedMessage: Sendable, Equatable, CustomStringConvertible {
    public var topic: String
    public var payload: [UInt8]
    public var retained: Bool
    public var qos: MQTTQoS
    /// Monotonic nanoseconds at arrival (`WallClock.monotonicNanoseconds()`).
    public var receivedAt: UInt64

    public init(topic: String, payload: [UInt8], retained: Bool, qos: MQTTQoS, receivedAt: UInt64) {
        self.topic = topic
        self.payload = payload
        self.retained = retained
        self.qos = qos
        self.receivedAt = receivedAt
    }

    public var string: String { String(decoding: payload, as: UTF8.self) }

    /// The payload decoded with `JSONSerialization` as a JSON object, for assertions.
    public func json() throws -> [String: Any] {
        let object = try JSONSerialization.jsonObject(with: Data(payload))
        guard let dictionary = object as? [String: Any] else {
            throw TestSubscriberError(message: "payload on \(topic) is not a JSON object: \(string)")
        }
        return dictionary
    }

    public var description: String {
        "\(topic)\(retained ? " (retained)" : "") qos\(qos.rawValue): \(string)"
    }
}
