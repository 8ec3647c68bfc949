import GatewayCore
import SiteConfig

/// Which intrusion zones are armed, shared by every line. A zone is armed unless a command
/// or a schedule disarms it; arming and disarming are events on each device of the zone.
/// With a state file, a disarmed zone stays disarmed across a restart.
public final class ZoneBoard: Sendable {
    private let lock = ConditionLock()
    // Guarded by `lock`.
    private nonisolated(unsafe) var disarmed: Set<String> = []
    /// Zone → its devices, in site order.
    public let devices: [String: [DeviceConfig]]
    /// Zones in site order.
    public let zones: [String]
    private let siteID: String
    private let sink: any EventSink
    private let store: DeviceStateStore?
    /// Where zones are kept in the state file: not a device id, which cannot hold `#`.
    static let storeKey = "#zones"

    public init(devices: [DeviceConfig], siteID: String, sink: any EventSink, store: DeviceStateStore? = nil) {
        var byZone: [String: [DeviceConfig]] = [:]
        var order: [String] = []
        for device in devices where device.profile.points.contains(where: \.needsArming) {
            if byZone[device.zone] == nil { order.append(device.zone) }
            byZone[device.zone, default: []].append(device)
        }
        self.devices = byZone
        self.zones = order
        self.siteID = siteID
        self.sink = sink
        self.store = store
        if let saved = store?.restored(device: Self.storeKey) {
            disarmed = Set(saved.filter { byZone[$0.key] != nil && $0.value.value == .bool(false) }.map(\.key))
        }
    }

    public func isArmed(_ zone: String) -> Bool {
        lock.withLock { !disarmed.contains(zone) }
    }

    /// Every zone with intrusion points and whether it is armed, in site order.
    public func states() -> [(zone: String, armed: Bool)] {
        lock.withLock { zones.map { ($0, !disarmed.contains($0)) } }
    }

    /// Arms or disarms `zone`. Returns false for a zone no device has; a change publishes
    /// one event per device of the zone, and setting the state it already has publishes none.
    @discardableResult
    public func set(_ armed: Bool, zone: String, origin: String) -> Bool {
        guard let members = devices[zone] else { return false }
        let changed = lock.withLock {
            armed ? disarmed.remove(zone) != nil : disarmed.insert(zone).inserted
        }
        guard changed else { return true }
        if let store {
            let states = lock.withLock { zones.map { ($0, StoredPoint(value: .bool(!disarmed.contains($0)), alarm: false)) } }
            store.update(device: Self.storeKey, points: Dictionary(uniqueKeysWithValues: states), urgent: true)
        }
        let now = WallClock.nowMilliseconds()
        for device in members {
            // Contact ID 401: opening / closing by user.
            sink.submit(Event(
                site: siteID, device: device.id, kind: armed ? .zoneArmed : .zoneDisarmed, state: .active,
                severity: .info, timestamp: now, location: device.location, cameras: device.cameras,
                contactID: "401", detail: "zone \(zone) \(armed ? "armed" : "disarmed") by \(origin)"
            ))
        }
        return true
    }
}
