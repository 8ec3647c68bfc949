import CMosquitto

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

    /// The broker's reason for refusing a connection (MQTT 3.1.1 CONNACK codes).
    static func describeConnack(_ code: Int32) -> String {
        guard let text = mosquitto_connack_string(code) else { return "connack \(code)" }
        return String(cString: text)
    }

    static let success = Int32(MOSQ_ERR_SUCCESS.rawValue)

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
