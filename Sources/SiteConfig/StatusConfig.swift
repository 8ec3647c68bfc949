/// The local status server (page, `/api/status`, `/metrics`): where it listens, or off.
public struct StatusConfig: Sendable, Equatable {
    public static let defaultHost = "127.0.0.1"
    public static let defaultPort = 8080

    public var enabled: Bool
    public var host: String
    public var port: Int

    public init(enabled: Bool = true, host: String = StatusConfig.defaultHost, port: Int = StatusConfig.defaultPort) {
        self.enabled = enabled
        self.host = host
        self.port = port
    }

    /// `http://host:port`, with IPv6 hosts in brackets.
    public var baseURL: String {
        host.contains(":") ? "http://[\(host)]:\(port)" : "http://\(host):\(port)"
    }
}
