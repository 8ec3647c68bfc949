import GatewayCore
import SiteConfig

/// Dense indexes for the two strings every event is matched on: its device and its kind.
/// Matching then works on array rows instead of strings, and the only string work per
/// event is one hash lookup for each.
///
/// Devices are fixed by the site file. Kinds are known from the profiles and the gateway's
/// own kinds; a kind first seen at run time gets the next index (once; the tables that
/// depend on kinds add a row for it).
struct RoutingDirectory: Sendable {
    struct DeviceEntry: Sendable {
        var id: String
        var tags: [String]
        var location: String
    }

    /// Kinds the gateway itself raises, known before any profile is read. A kind missing
    /// here still routes; it only costs one table row the first time it is seen.
    static let gatewayKinds: [EventKind] = [
        .deviceOffline, .deviceOnline, .deviceFault, "point.changed",
        "linkage.done", "linkage.failed", "linkage.refused",
        "device.exception", "device.restarted", "input.chattering", "zone.armed", "zone.disarmed", "system.test",
    ]

    private(set) var devices: [DeviceEntry]
    private var deviceIndex: [String: Int]
    private(set) var kinds: [String]
    private var kindIndex: [String: Int]

    init(devices: [DeviceEntry], kinds: [String]) {
        self.devices = devices
        deviceIndex = [:]
        for (index, device) in devices.enumerated() where deviceIndex[device.id] == nil { deviceIndex[device.id] = index }
        self.kinds = []
        kindIndex = [:]
        for kind in kinds { _ = addKind(kind) }
    }

    /// The site's devices and the kinds their profiles raise. Device ids and exact kinds
    /// named by `rules` but missing from the site (a router built without devices, in tests
    /// or the demo) get entries too, so those rules can still match them.
    init(devices: [DeviceConfig], rules: [EventMatch] = []) {
        var kinds = Self.gatewayKinds.map(\.rawValue)
        for device in devices {
            for point in device.profile.points { if let kind = point.event { kinds.append(kind.rawValue) } }
        }
        var entries = devices.map { DeviceEntry(id: $0.id, tags: $0.tags, location: $0.location) }
        var known = Set(entries.map(\.id))
        for rule in rules {
            kinds += rule.kinds.filter { !$0.contains("*") }
            for id in rule.devices where known.insert(id).inserted { entries.append(DeviceEntry(id: id, tags: [], location: "")) }
        }
        self.init(devices: entries, kinds: kinds)
    }

    /// Row of a device no site entry names: gateway-level events, or tests.
    var unknownDevice: Int { devices.count }
    var deviceRows: Int { devices.count + 1 }

    @inline(__always)
    func device(_ id: String) -> Int { deviceIndex[id] ?? devices.count }

    @inline(__always)
    func kind(_ name: String) -> Int? { kindIndex[name] }

    /// Adds `name` if it is new; returns its index either way.
    mutating func addKind(_ name: String) -> Int {
        if let index = kindIndex[name] { return index }
        kinds.append(name)
        kindIndex[name] = kinds.count - 1
        return kinds.count - 1
    }

    func location(ofDevice index: Int) -> String { index < devices.count ? devices[index].location : "" }
}
