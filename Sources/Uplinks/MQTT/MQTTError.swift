/// A failed libmosquitto call, or a call the wrapper refused.
public struct MQTTError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What was attempted: `connect`, `publish`, `subscribe`, …
    public var operation: String
    /// libmosquitto's return code (`MOSQ_ERR_*`); nil when the wrapper refused the call itself.
    public var code: Int32?
    /// Human-readable reason (`mosquitto_strerror`).
    public var message: String

    public init(operation: String, code: Int32?, message: String) {
        self.operation = operation
        self.code = code
        self.message = message
    }

    init(operation: String, code: Int32) {
        self.init(operation: operation, code: code, message: Mosquitto.describe(code))
    }

    /// True when retrying the same publish can never succeed (bad topic, payload too big).
    public var isPermanent: Bool {
        guard let code else { return false }
        return Mosquitto.isPermanentPublishError(code)
    }

    public var description: String {
        if let code { return "\(operation) failed: \(message) (rc \(code))" }
        return "\(operation) failed: \(message)"
    }

    static func closed(_ operation: String) -> MQTTError {
        MQTTError(operation: operation, code: nil, message: "the client is shut down")
    }
}
