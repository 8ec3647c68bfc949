/// One platform the gateway publishes to (police, education bureau, …).
public struct UplinkConfig: Sendable {
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

    public init(
        name: String, scheme: Scheme = .mqtt, host: String, port: Int, clientID: String, username: String? = nil,
        password: String? = nil, topicPrefix: String, keepalive: Duration = .seconds(30), heartbeat: Duration = .seconds(10)
    ) {
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
