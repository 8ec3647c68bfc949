import GatewayCore

/// A validated site file: one school's gateway, its devices and its platforms.
public struct Site: Sendable {
    public var id: String
    public var name: String
    /// IANA time zone name, e.g. `Asia/Shanghai`.
    public var timezone: String
    /// Absolute path of the site file this was read from.
    public var sourceFile: String
    /// Absolute profile search folders, in order.
    public var profilePaths: [String]
    public var devices: [DeviceConfig]
    public var uplinks: [UplinkConfig]
    public var routes: [RouteConfig]
    /// Every profile used by a device, by name.
    public var profiles: [String: DeviceProfile]
    /// The local status server.
    public var status: StatusConfig

    public init(
        id: String, name: String, timezone: String, sourceFile: String, profilePaths: [String],
        devices: [DeviceConfig], uplinks: [UplinkConfig], routes: [RouteConfig] = [], profiles: [String: DeviceProfile],
        status: StatusConfig = StatusConfig()
    ) {
        self.id = id
        self.name = name
        self.timezone = timezone
        self.sourceFile = sourceFile
        self.profilePaths = profilePaths
        self.devices = devices
        self.uplinks = uplinks
        self.routes = routes
        self.profiles = profiles
        self.status = status
    }
}
