/// Everything the status page, `/api/status`, `/metrics` and `campus-gateway status` show,
/// taken at one moment. A plain value: the gateway fills it (see the Gateway module's
/// `GatewayParts+Status.swift`), this module only renders it.
///
/// Secrets never enter it: an uplink is described by its name and path, not its
/// credentials.
public struct GatewayStatus: Sendable, Codable, Equatable {
    /// Version of this JSON shape; scripts check it.
    public static let formatVersion = 1

    public var v: Int = GatewayStatus.formatVersion
    public var site: SiteInfo
    public var version: String
    /// UTC milliseconds: when this process started, and when this snapshot was taken.
    public var startedAt: Int64
    public var generatedAt: Int64
    public var devices: [DeviceStatus]
    /// Alarms active now, oldest first.
    public var alarms: [ActiveAlarm]
    public var uplinks: [UplinkReport]
    /// One per bus: a TCP address or a serial line.
    public var lines: [LineStats]
    public var routing: RoutingStats
    /// What the watchdog consults: each part the gateway cannot live without.
    public var health: [HealthReport]
    /// The last reload (SIGHUP), when there was one.
    public var lastReload: ReloadReport?

    public init(
        site: SiteInfo, version: String, startedAt: Int64, generatedAt: Int64, devices: [DeviceStatus] = [],
        alarms: [ActiveAlarm] = [], uplinks: [UplinkReport] = [], lines: [LineStats] = [],
        routing: RoutingStats = RoutingStats(), health: [HealthReport] = [], lastReload: ReloadReport? = nil
    ) {
        self.site = site
        self.version = version
        self.startedAt = startedAt
        self.generatedAt = generatedAt
        self.devices = devices
        self.alarms = alarms
        self.uplinks = uplinks
        self.lines = lines
        self.routing = routing
        self.health = health
        self.lastReload = lastReload
    }

    public struct SiteInfo: Sendable, Codable, Equatable {
        public var id: String
        public var name: String
        /// IANA name; the page shows clock times in it.
        public var timezone: String

        public init(id: String, name: String, timezone: String = "UTC") {
            self.id = id
            self.name = name
            self.timezone = timezone
        }
    }

    public var onlineDeviceCount: Int { devices.count { $0.online } }
    /// Offline only because their first poll has not happened yet (just started or reloaded).
    public var unpolledDeviceCount: Int { devices.count { !$0.online && $0.lastPoll == 0 && $0.error.isEmpty } }
    public var connectedUplinkCount: Int { uplinks.count { $0.connected } }
    public var isHealthy: Bool { health.allSatisfy(\.alive) }
}
