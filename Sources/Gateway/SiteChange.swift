import GatewayCore
import SiteConfig

/// What a reload changes: the difference between the running site and a newly validated
/// one, by id (devices), by name (uplinks) and as a whole (routes, status server). Pure, so
/// the decision of what to restart is tested without starting anything.
public struct SiteChange: Sendable {
    public var addedDevices: [DeviceConfig] = []
    public var removedDevices: [DeviceConfig] = []
    /// New configurations of devices whose id stays but whose anything else changed
    /// (profile content included).
    public var changedDevices: [DeviceConfig] = []
    public var addedUplinks: [UplinkConfig] = []
    public var removedUplinks: [UplinkConfig] = []
    /// New configurations of uplinks whose name stays but whose configuration changed in any
    /// way: these reconnect; unchanged ones keep their connection.
    public var changedUplinks: [UplinkConfig] = []
    /// Uplinks in both files stand in another order (the status page lists them so).
    public var uplinksReordered = false
    public var routesChanged = false
    public var statusChanged = false
    /// Site id, name or time zone: every topic and every event carries them.
    public var identityChanged = false

    public init(from old: Site, to new: Site) {
        let oldDevices = Dictionary(old.devices.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let newIDs = Set(new.devices.map(\.id))
        for device in new.devices {
            guard let before = oldDevices[device.id] else {
                addedDevices.append(device)
                continue
            }
            if !Self.same(before, device) { changedDevices.append(device) }
        }
        removedDevices = old.devices.filter { !newIDs.contains($0.id) }

        let oldUplinks = Dictionary(old.uplinks.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
        let newNames = Set(new.uplinks.map(\.name))
        for uplink in new.uplinks {
            guard let before = oldUplinks[uplink.name] else {
                addedUplinks.append(uplink)
                continue
            }
            if !Self.same(before, uplink) { changedUplinks.append(uplink) }
        }
        removedUplinks = old.uplinks.filter { !newNames.contains($0.name) }
        let oldNames = Set(oldUplinks.keys)
        uplinksReordered = old.uplinks.map(\.name).filter(newNames.contains) != new.uplinks.map(\.name).filter(oldNames.contains)

        routesChanged = old.routes != new.routes
        statusChanged = old.status != new.status
        identityChanged = old.id != new.id || old.name != new.name || old.timezone != new.timezone
    }

    public var isEmpty: Bool { summary.isEmpty }

    /// One line per change, for the log and the status page: `device added: gate-west-sos`.
    public var summary: [String] {
        var lines: [String] = []
        if identityChanged { lines.append("site id, name or time zone changed") }
        lines += addedDevices.map { "device added: \($0.id)" }
        lines += removedDevices.map { "device removed: \($0.id)" }
        lines += changedDevices.map { "device changed: \($0.id)" }
        lines += addedUplinks.map { "uplink added: \($0.name)" }
        lines += removedUplinks.map { "uplink removed: \($0.name)" }
        lines += changedUplinks.map { "uplink changed: \($0.name)" }
        if uplinksReordered { lines.append("uplinks reordered") }
        if routesChanged { lines.append("routes changed") }
        if statusChanged { lines.append("status server address changed") }
        return lines
    }

    /// Uplink names whose connection must be replaced (removed or changed).
    public var uplinksToStop: Set<String> { Set(removedUplinks.map(\.name) + changedUplinks.map(\.name)) }

    /// Bus connections (TCP address or serial line) with a device added, removed or changed:
    /// only their workers restart. A device that moved from one bus to another touches both.
    public func busesTouched(old: Site) -> Set<DeviceConnection> {
        let before = Dictionary(old.devices.map { ($0.id, $0.connection) }, uniquingKeysWith: { a, _ in a })
        var buses = Set(addedDevices.map(\.connection) + removedDevices.map(\.connection) + changedDevices.map(\.connection))
        for device in changedDevices { if let previous = before[device.id] { buses.insert(previous) } }
        return buses
    }

    static func same(_ a: DeviceConfig, _ b: DeviceConfig) -> Bool {
        a.id == b.id && a.connection == b.connection && a.unit == b.unit && a.poll == b.poll && a.timeout == b.timeout
            && a.offlineAfter == b.offlineAfter && a.location == b.location && a.cameras == b.cameras && a.tags == b.tags
            && same(a.profile, b.profile)
    }

    static func same(_ a: DeviceProfile, _ b: DeviceProfile) -> Bool {
        a.name == b.name && a.points == b.points && a.poll == b.poll && a.timeout == b.timeout
    }

    /// Every field counts (TLS files, backup broker, allowed commands, keys, timing): an
    /// uplink is kept connected across a reload only when its configuration is identical.
    static func same(_ a: UplinkConfig, _ b: UplinkConfig) -> Bool { a == b }
}
