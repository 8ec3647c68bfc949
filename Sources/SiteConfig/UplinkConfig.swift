/// One platform the gateway publishes to (police, education bureau, …).
/// Equatable as a whole: a reload keeps an uplink's connection only when nothing in it changed.
public struct UplinkConfig: Sendable, Equatable {
    public enum Scheme: String, Sendable { case mqtt, mqtts }

    public var name: String
    public var scheme: Scheme
    public var host: String
    public var port: Int
    /// MQTT client id; default `campus-gateway-<site id>-<name>`.
    public var clientID: String
    public var username: String?
    public var password: String?
    /// Every topic of this uplink starts with this, e.g. `campus/v1/4101230001`.
    public var topicPrefix: String
    /// MQTT keepalive; default 30 s.
    public var keepalive: Duration
    /// Heartbeat period; default 10 s.
    public var heartbeat: Duration
    /// A second broker address for the same platform (e.g. over 4G), same scheme and TLS.
    public var backup: Address?
    public var protocolVersion: MQTTVersion
    /// MQTT 5 only: the broker waits this long before publishing the last will.
    public var willDelay: Duration?
    /// MQTT 5 only: heartbeats and `info` (status) events expire at the broker after this;
    /// alarms never do.
    public var messageExpiry: Duration
    /// TLS (`mqtts://`): CA file, and a client certificate and key for mutual TLS.
    public var caFile: String?
    public var certFile: String?
    public var keyFile: String?
    /// Verify the broker's certificate and host name; on unless the site file says `false`.
    public var tlsVerify: Bool
    /// Commands this platform may send (`siren`, `lockdown`, …); empty: read-only.
    public var allowedCommands: [String]
    /// HMAC-SHA256 key commands must be signed with; nil: no signature required.
    public var commandKey: [UInt8]?
    /// A command older than this (or issued this far in the future) is refused as stale.
    public var commandWindow: Duration
    /// How often the periodic test event (Contact ID 602) goes out; nil: never.
    public var periodicTest: Duration?

    /// A broker's host and port.
    public struct Address: Sendable, Equatable {
        public var host: String
        public var port: Int
        public init(host: String, port: Int) {
            self.host = host
            self.port = port
        }
    }

    public enum MQTTVersion: String, Sendable, CaseIterable {
        case v311 = "3.1.1"
        case v5 = "5"
    }

    /// What a platform may ask for. `lockdown` closes every gate and raises every bollard.
    public static let knownCommands = ["siren", "lockdown", "reset", "drill", "open", "close", "raise", "lower", "arm", "disarm", "silence"]

    public init(
        name: String, scheme: Scheme = .mqtt, host: String, port: Int, clientID: String, username: String? = nil,
        password: String? = nil, topicPrefix: String, keepalive: Duration = .seconds(30), heartbeat: Duration = .seconds(10),
        backup: Address? = nil, protocolVersion: MQTTVersion = .v311, willDelay: Duration? = nil,
        messageExpiry: Duration = .seconds(3600), caFile: String? = nil, certFile: String? = nil, keyFile: String? = nil,
        tlsVerify: Bool = true, allowedCommands: [String] = [], commandKey: [UInt8]? = nil, commandWindow: Duration = .seconds(30),
        periodicTest: Duration? = .seconds(86_400)
    ) {
        self.backup = backup
        self.protocolVersion = protocolVersion
        self.willDelay = willDelay
        self.messageExpiry = messageExpiry
        self.caFile = caFile
        self.certFile = certFile
        self.keyFile = keyFile
        self.tlsVerify = tlsVerify
        self.allowedCommands = allowedCommands
        self.commandKey = commandKey
        self.commandWindow = commandWindow
        self.periodicTest = periodicTest
        self.name = name
        self.scheme = scheme
        self.host = host
        self.port = port
        self.clientID = clientID
        self.username = username
        self.password = password
        self.topicPrefix = topicPrefix
        self.keepalive = keepalive
        self.heartbeat = heartbeat
    }
}
