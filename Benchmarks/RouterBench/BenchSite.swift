import Foundation
import GatewayCore
import SiteConfig

/// The benchmark's school: a site file written to a temporary folder and loaded through the
/// real loader, with the shipped profiles. 1 000 devices (a quarter of each shipped
/// profile) behind five TCP-to-RTU converters, 4 uplinks, and N routes of every kind the
/// site file offers: kind patterns, severities, devices, tags, locations, schedules.
struct BenchSite {
    let site: Site
    let events: [Event]

    static let uplinks = ["police", "edu", "fire", "market"]
    static let profiles = ["sos-button", "perimeter-8zone", "gate-controller", "bollard"]

    init(devices deviceCount: Int, routes routeCount: Int, flood: Bool, repoRoot: String) throws {
        var rng = SplitMix(seed: 42)
        var lines = [
            "site: { id: \"4101230001\", name: 实验小学, timezone: Asia/Shanghai }",
            "profiles: [\(repoRoot)/DeviceProfiles]",
            "devices:",
        ]
        for i in 0..<deviceCount {
            let profile = Self.profiles[i % 4]
            let tags = ["zone-\(i % 10)", profile == "perimeter-8zone" ? "perimeter" : "inside"]
            lines.append(
                "  - { id: dev-\(i), profile: \(profile), connection: \"tcp://127.0.0.1:\(1502 + i / 200)\", unit: \(i % 200 + 1), "
                    + "location: \"教学楼 \(i % 20) Building\", cameras: [cam-\(i)], tags: [\(tags.joined(separator: ", "))] }")
        }
        lines.append("uplinks:")
        for name in Self.uplinks {
            lines.append("  - { name: \(name), url: \"mqtt://127.0.0.1\", topic_prefix: campus/v1/\(name) }")
        }
        lines.append("schedules:")
        lines.append("  - { name: school-hours, windows: [\"mon-fri 07:30-17:30\"], holidays: [2026-10-01..2026-10-07] }")
        lines.append("  - { name: night, windows: [\"daily 22:00-06:00\"] }")
        lines.append("routes:")
        let kindPatterns = ["\"alarm.*\"", "alarm.emergency", "alarm.intrusion", "\"device.*\"", "\"power.*\"", "\"gate.*\"", "alarm.tamper", "\"*\""]
        let severities = ["critical", "major", "minor", "info"]
        for r in 0..<routeCount {
            var keys = ["name: route-\(r)"]
            keys.append("kind: \(kindPatterns[rng.next(kindPatterns.count)])")
            keys.append("severity: \(severities[rng.next(4)])")
            switch r % 5 {
            case 0: keys.append("devices: [\((0..<5).map { _ in "dev-\(rng.next(deviceCount))" }.joined(separator: ", "))]")
            case 1: keys.append("tags: [zone-\(rng.next(10))]")
            case 2: keys.append("locations: [\"教学楼 \(rng.next(20)) Building\"]")
            case 3: keys.append("schedule: \(rng.next(2) == 0 ? "school-hours" : "night")")
            default: break
            }
            keys.append("to: [\(Self.uplinks[rng.next(4)])\(r % 3 == 0 ? ", \(Self.uplinks[rng.next(4)])" : "")]")
            if r % 4 == 0 { keys.append("topic: \"alarms/{kind}/{device}\"") }
            if r % 7 == 0 { keys.append("qos: 0") }
            lines.append("  - { \(keys.joined(separator: ", ")) }")
        }
        lines.append("linkage:")
        lines.append("  - { name: sos-siren, when: { kind: alarm.emergency }, do: [{ device: dev-1, command: siren_on }], cooldown: 60s }")
        lines.append("flood: \(flood ? "{ limit: 10, window: 10s }" : "off")")
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("router-bench-\(getpid())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let path = folder.appendingPathComponent("site.yaml").path
        try (lines.joined(separator: "\n") + "\n").write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: folder) }
        site = try SiteLoader.load(path: path)
        events = Self.eventMix(site, count: 4096, rng: &rng)
    }

    /// Events as the bus workers make them: a random device, one of its profile's alarm
    /// points with the profile's kind and severity, active or cleared; one in 16 is a
    /// device going offline or online.
    static func eventMix(_ site: Site, count: Int, rng: inout SplitMix) -> [Event] {
        (0..<count).map { _ in
            let device = site.devices[rng.next(site.devices.count)]
            let points = device.profile.points.filter { $0.event != nil }
            let state: EventState = rng.next(2) == 0 ? .active : .cleared
            if rng.next(16) == 0 || points.isEmpty {
                return Event(
                    site: site.id, device: device.id, kind: state == .active ? .deviceOffline : .deviceOnline, state: state,
                    severity: .major, timestamp: 0, location: device.location, cameras: device.cameras, detail: "timeout")
            }
            let point = points[rng.next(points.count)]
            return Event(
                site: site.id, device: device.id, point: point.id, kind: point.event!, state: state, severity: point.severity,
                timestamp: 0, location: device.location, cameras: device.cameras, contactID: point.contactID ?? "",
                value: .bool(state == .active))
        }
    }
}
