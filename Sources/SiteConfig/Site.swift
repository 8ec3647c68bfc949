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
    /// Named weekly schedules (school hours, night …).
    public var schedules: [ScheduleConfig] = []
    /// Local commands run when events match (报警联动).
    public var linkage: [LinkageRule] = []
    /// Flood control; nil when the site turns it off.
    public var flood: FloodPolicy? = .standard
    /// While this schedule is active every event is marked `drill: true`.
    public var drillSchedule: String?
    /// Zones armed by schedule.
    public var arming: [ArmingRule] = []

    /// What the event router needs from this site.
    public var routing: RoutingConfig {
        RoutingConfig(routes: routes, schedules: schedules, linkage: linkage, flood: flood, drillSchedule: drillSchedule)
    }
    /// Absolute path of the file where polling keeps the device states it last published,
    /// so a restart reports only what changed meanwhile; nil: not kept.
    public var stateFile: String?
    /// The event journal's file and retention.
    public var journal: JournalConfig
    /// The local status server.
    public var status: StatusConfig

    public init(
        id: String, name: String, timezone: String, sourceFile: String, profilePaths: [String],
        devices: [DeviceConfig], uplinks: [UplinkConfig], routes: [RouteConfig] = [], profiles: [String: DeviceProfile],
        stateFile: String? = nil, journal: JournalConfig = JournalConfig(), status: StatusConfig = StatusConfig()
    ) {
        self.journal = journal
        self.id = id
        self.name = name
        self.timezone = timezone
        self.sourceFile = sourceFile
        self.profilePaths = profilePaths
        self.devices = devices
        self.uplinks = uplinks
        self.routes = routes
        self.profiles = profiles
        self.stateFile = stateFile
        self.status = status
    }
}
