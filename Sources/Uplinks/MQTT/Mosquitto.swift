import CMosquitto

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Process-wide libmosquitto facts. Every raw call that is not about one client lives here.
enum Mosquitto {
    /// `mosquitto_lib_init` must run once per process before the first client; a static
    /// `let` is initialised exactly once, thread-safely. Never cleaned up: clients may exist
    /// until the process ends.
    private static let initialised: Int32 = mosquitto_lib_init()

    static func initialise() {
        _ = initialised
    }

    /// libmosquitto's text for a return code. `mosquitto_strerror` returns static strings,
    /// so it is safe from any thread.
    static func describe(_ code: Int32) -> String {
        guard let text = mosquitto_strerror(code) else { return "error \(code)" }
        return String(cString: text)
    }

    /// The broker's reason for refusing a connection: MQTT 3.1.1 CONNACK codes (1–5) or
    /// MQTT 5 reason codes (128 and above).
    static func describeConnack(_ code: Int32) -> String {
        if code >= 128, let text = mosquitto_reason_string(code) { return String(cString: text) }
        guard let text = mosquitto_connack_string(code) else { return "connack \(code)" }
        return String(cString: text)
    }

    static let success = Int32(MOSQ_ERR_SUCCESS.rawValue)
    static let malformedUTF8 = Int32(MOSQ_ERR_MALFORMED_UTF8.rawValue)
    static let invalid = Int32(MOSQ_ERR_INVAL.rawValue)

    /// libmosquitto's own check of MQTT UTF-8 strings (client id, username, topics):
    /// `MOSQ_ERR_SUCCESS`, or `MOSQ_ERR_MALFORMED_UTF8` for invalid UTF-8, U+0000, C0/C1
    /// controls, surrogates and noncharacters, or `MOSQ_ERR_INVAL` past 65 536 bytes.
    static func validateUTF8(_ text: String) -> Int32 {
        var text = text
        return text.withUTF8 { bytes in
            bytes.withMemoryRebound(to: CChar.self) { chars in
                // An empty buffer may have no address; libmosquitto refuses NULL.
                guard let base = chars.baseAddress else { return success }
                return mosquitto_validate_utf8(base, Int32(clamping: chars.count))
            }
        }
    }

    /// Why libmosquitto would refuse `id` as a client id (`mosquitto_new` returns NULL without
    /// saying why), or nil.
    static func clientIDProblem(_ id: String) -> MQTTError? {
        let operation = "create client with client id \(String(reflecting: id))"
        if id.isEmpty { return MQTTError(operation: operation, code: invalid, message: "the client id must not be empty") }
        let rc = validateUTF8(id)
        switch rc {
        case success: return nil
        case malformedUTF8:
            return MQTTError(
                operation: operation, code: rc,
                message: "the client id is not valid MQTT UTF-8 (control characters, U+0000 and noncharacters are refused)"
            )
        default:
            return MQTTError(operation: operation, code: rc, message: "the client id is too long (\(id.utf8.count) bytes)")
        }
    }

    /// A C `errno` as text. `strerror` is not thread-safe, so the common cases are named here.
    static func describeErrno(_ code: Int32) -> String {
        switch code {
        case ENOMEM: "out of memory (errno \(code))"
        case EINVAL: "invalid argument (errno \(code))"
        default: "errno \(code)"
        }
    }

    /// Errors that retrying the same call can never fix: the message itself is wrong.
    static func isPermanentPublishError(_ code: Int32) -> Bool {
        switch code {
        case Int32(MOSQ_ERR_INVAL.rawValue), Int32(MOSQ_ERR_PAYLOAD_SIZE.rawValue),
            Int32(MOSQ_ERR_MALFORMED_UTF8.rawValue), Int32(MOSQ_ERR_QOS_NOT_SUPPORTED.rawValue),
            Int32(MOSQ_ERR_OVERSIZE_PACKET.rawValue), Int32(MOSQ_ERR_NOT_SUPPORTED.rawValue):
            true
        default:
            false
        }
    }
}
