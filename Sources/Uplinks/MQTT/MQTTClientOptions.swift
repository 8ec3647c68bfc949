/// How one `MQTTClient` connects. Everything here is applied before the first connect.
public struct MQTTClientOptions: Sendable, CustomStringConvertible {
    public enum ProtocolVersion: Sendable, Hashable {
        /// MQTT 3.1.1, the default: what every platform in the field speaks.
        case v311
        /// MQTT 5: adds a will delay (with a session expiry as long, so the broker keeps the
        /// session until then), message expiry on what the caller marks, PUBACK reason codes.
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
    /// TLS 1.2 or newer only; the broker's certificate and host name are verified unless
    /// `verify` is false. `certFile` and `keyFile` make it mutual TLS.
    public struct TLS: Sendable, Equatable {
        public var caFile: String?
        public var caPath: String?
        public var certFile: String?
        public var keyFile: String?
        public var verify: Bool

        public init(caFile: String? = nil, caPath: String? = nil, certFile: String? = nil, keyFile: String? = nil, verify: Bool = true) {
            self.caFile = caFile
            self.caPath = caPath
            self.certFile = certFile
            self.keyFile = keyFile
            self.verify = verify
        }
    }

    /// A broker address.
    public struct Endpoint: Sendable, Equatable, CustomStringConvertible {
        public var host: String
        public var port: Int

        public init(host: String, port: Int) {
            self.host = host
            self.port = port
        }

        public var description: String { host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)" }
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
    /// MQTT 5 only: how long the broker waits before publishing the will, so a short drop
    /// that reconnects in time is never reported as offline.
    public var willDelay: Duration?
    public var tls: TLS?
    /// A second path to the platform (another broker address, say over 4G). The client moves
    /// to it after `failoverAfter` failed attempts in a row, and back once the primary
    /// accepts connections again (checked every `failbackInterval`).
    public var backup: Endpoint?
    public var failoverAfter: Int
    public var failbackInterval: Duration
    /// Reconnect backoff: from `reconnectDelayMin`, doubling up to `reconnectDelayMax`, each
    /// delay with ±20 % jitter. The cap is low so the first message leaves within about a
    /// second of the broker coming back. After the broker *refused* us (CONNACK), the cap is
    /// `refusedDelayMax`: hammering a broker that says no helps nobody.
    public var reconnectDelayMin: Duration
    public var reconnectDelayMax: Duration
    public var refusedDelayMax: Duration
    /// A connection attempt (TCP, TLS handshake, CONNACK) that takes longer is abandoned.
    public var connectTimeout: Duration
    /// libmosquitto's own in-flight cap for QoS 1/2; 0 = none. Callers that keep their own
    /// window leave it at 0, so libmosquitto never holds a message back in a hidden queue.
    public var maxInFlightMessages: Int

    public init(
        host: String, port: Int, clientID: String, cleanSession: Bool = true, keepalive: Duration = .seconds(30),
        protocolVersion: ProtocolVersion = .v311, username: String? = nil, password: String? = nil,
        will: Will? = nil, tls: TLS? = nil, reconnectDelayMin: Duration = .milliseconds(100),
        reconnectDelayMax: Duration = .milliseconds(500), maxInFlightMessages: Int = 0, willDelay: Duration? = nil,
        backup: Endpoint? = nil, failoverAfter: Int = 3, failbackInterval: Duration = .seconds(30),
        refusedDelayMax: Duration = .seconds(5), connectTimeout: Duration = .seconds(5)
    ) {
        self.willDelay = willDelay
        self.backup = backup
        self.failoverAfter = max(1, failoverAfter)
        self.failbackInterval = failbackInterval
        self.refusedDelayMax = refusedDelayMax
        self.connectTimeout = connectTimeout
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

    public var primary: Endpoint { Endpoint(host: host, port: port) }

    public var description: String {
        var text = "\(tls == nil ? "mqtt" : "mqtts")://\(primary) client=\(clientID) \(protocolVersion)"
        if let backup { text += " backup=\(backup)" }
        if let username { text += " user=\(username) password=\(password == nil ? "none" : "<redacted>")" }
        return text
    }
}
