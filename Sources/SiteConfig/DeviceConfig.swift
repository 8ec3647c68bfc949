import GatewayCore

/// One device of a site: which profile it is, where it is reached, where it stands.
public struct DeviceConfig: Sendable {
    public var id: String
    public var profile: DeviceProfile
    public var connection: DeviceConnection
    /// Modbus unit (slave) id, 1–247.
    public var unit: Int
    /// Poll interval; the profile's `poll`, else 1 s, when the site gives none.
    public var poll: Duration
    /// Response timeout; the profile's `timeout`, else 500 ms.
    public var timeout: Duration
    /// Failed polls in a row after which the device is reported offline. Default 3.
    public var offlineAfter: Int
    /// Where the device is, in any language (东门, "Guard room").
    public var location: String
    /// Camera ids a platform can open when this device alarms.
    public var cameras: [String]
    public var tags: [String]
    /// The intrusion zone its intrusion points belong to; the device id unless the site
    /// names one. Zones are armed and disarmed as a whole.
    public var zone: String

    public init(
        id: String, profile: DeviceProfile, connection: DeviceConnection, unit: Int, poll: Duration,
        timeout: Duration, offlineAfter: Int = 3, location: String = "", cameras: [String] = [], tags: [String] = [],
        zone: String? = nil
    ) {
        self.id = id
        self.profile = profile
        self.connection = connection
        self.unit = unit
        self.poll = poll
        self.timeout = timeout
        self.offlineAfter = offlineAfter
        self.location = location
        self.cameras = cameras
        self.tags = tags
        self.zone = zone ?? id
    }
}
