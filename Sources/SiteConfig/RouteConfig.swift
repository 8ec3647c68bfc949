import GatewayCore

/// Which events go to which uplinks. With no routes in a site, every event goes to every
/// uplink; with routes, an event goes to the union of the uplinks of every route it matches.
public struct RouteConfig: Sendable, Equatable {
    public var name: String
    /// Kind patterns: exact (`alarm.emergency`), a prefix wildcard (`alarm.*`) or `*`.
    public var kinds: [String]
    /// Lowest severity that matches (`major` matches `major` and `critical`).
    public var minSeverity: Severity
    /// Device ids the route is limited to; empty means every device.
    public var devices: [String]
    /// Uplink names.
    public var uplinks: [String]

    public init(name: String, kinds: [String] = ["*"], minSeverity: Severity = .info, devices: [String] = [], uplinks: [String]) {
        self.name = name
        self.kinds = kinds
        self.minSeverity = minSeverity
        self.devices = devices
        self.uplinks = uplinks
    }
}
