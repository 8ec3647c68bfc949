/// How one `MQTTClient` connects. Everything here is applied before the first connect.
public struct MQTTClientOptions: Sendable, CustomStringConvertible {
    public enum ProtocolVersion: Sendable, Hashable {
        /// MQTT 3.1.1, the default: what every platform in the field speaks.
        case v311
        /// MQTT 5. Connects as v5; properties (reason strings, user properties) are not used yet.
        case v5
    }

    /// The message the broker publishes for us when the connection dies without DISCONNECT.
    public struct Will: Sendable, Equatable {
        public var topic: String
        public var payload: [UInt8]
        public var qos: MQTTQoS
        public var retain: Bool

        public init(topic: String, payload: [UInt8], qos: MQTTQoS = .atLeastOnce, retain: Bool = true) {
            self.topic = topic
            self.payload = payload
            self.qos = qos
            self.retain = retain
        }
    }

    /// TLS for `mqtts://`. With neither `caFile` nor `caPath`, the system's CA store is used.
    public struct TLS: Sendable, Equatable {
        public var caFile: String?
        public var caPath: String?
        public var certFile: String?
        public var keyFile: String?

        public init(caFile: String? = nil, caPath: String? = nil, certFile: String? = nil, keyFile: String? = nil) {
            self.caFile = caFile
            self.caPath = caPath
            self.certFile = certFile
            self.keyFile = keyFile
        }
    }

    public var host: String
    public var port: Int
    public var clientID: String
    /// Clean session: the broker keeps nothing for us between connections.
    public var cleanSession: Bool
    /// MQTT keepalive; libmosquitto needs at least 5 s.
    public var keepalive: Duration
    public var protocolVersion: ProtocolVersion
    public var username: String?
    /// Never printed: `description` redacts it.
    public var password: String?
    public var will: Will?
    public var tls: TLS?
    /// Reconnect backoff: libmosquitto counts in whole seconds and grows the delay
    /// exponentially from `reconnectDelayMin` up to `reconnectDelayMax`.
    public var reconnectDelayMin: Duration
    public var reconnectDelayMax: Duration
    /// libmosquitto's own in-flight cap for QoS 1/2; 0 = none. Callers that keep their own
    /// window leave it at 0, so libmosquitto never holds a message back in a hidden queue.
    public var maxInFlightMessages: Int

    public init(
        host: String, port: Int, clientID: String, cleanSession: Bool = true, keepalive: Duration = .seconds(30),
        protocolVersion: ProtocolVersion = .v311, username: String? = nil, password: String? = nil,
        will: Will? = nil, tls: TLS? = nil, reconnectDelayMin: Duration = .seconds(1),
        reconnectDelayMax: Duration = .seconds(5), maxInFlightMessages: Int = 0
    ) {
        self.host = host
        self.port = port
        self.clientID = clientID
        self.cleanSession = cleanSession
        self.keepalive = keepalive
        self.protocolVersion = protocolVersion
        self.username = username
        self.password = password
        self.will = will
        self.tls = tls
        self.reconnectDelayMin = reconnectDelayMin
        self.reconnectDelayMax = reconnectDelayMax
        self.maxInFlightMessages = maxInFlightMessages
    }

    public var description: String {
        var text = "\(tls == nil ? "mqtt" : "mqtts")://\(host):\(port) client=\(clientID) \(protocolVersion)"
        if let username { text += " user=\(username) password=\(password == nil ? "none" : "<redacted>")" }
        return text
    }
}
