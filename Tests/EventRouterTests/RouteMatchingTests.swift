import GatewayCore
import SiteConfig
import Testing

@testable import EventRouter

/// The events × routes table: for each event, the uplinks it must reach.
@Suite struct RouteMatchingTests {
    static let uplinks = ["police", "edu", "fire", "market"]
    static let devices = [
        Fixtures.device("gate-east", tags: ["gate", "east"], location: "东门"),
        Fixtures.device("gate-west", tags: ["gate"], location: "西门"),
        Fixtures.device("wall-1", tags: ["perimeter"], location: "北墙"),
        Fixtures.device("class-3", tags: ["classroom"], location: "教学楼"),
    ]
    static let routes = [
        RouteConfig(name: "emergencies-to-police", kinds: ["alarm.emergency"], uplinks: ["police"], topic: "sos/{device}"),
        RouteConfig(name: "alarms-major-to-edu", kinds: ["alarm.*"], minSeverity: .major, uplinks: ["edu"]),
        RouteConfig(name: "gates-to-market", kinds: ["gate.*"], tags: ["gate"], uplinks: ["market"], qos: 0),
        RouteConfig(name: "north-wall-to-fire", locations: ["北墙"], uplinks: ["fire", "police"]),
        RouteConfig(name: "device-faults", kinds: ["device.fault", "device.offline"], minSeverity: .minor, devices: ["class-3"], uplinks: ["edu", "fire"]),
        RouteConfig(name: "school-hours-gate-open", kinds: ["gate.open"], schedule: "school-hours", uplinks: ["police"]),
        RouteConfig(name: "everything-critical", minSeverity: .critical, uplinks: ["market"]),
    ]

    @Test(arguments: [
        // (kind, severity, device, expected uplinks)
        ("alarm.emergency", Severity.critical, "gate-east", ["police", "edu", "market"]),
        ("alarm.emergency", .critical, "unknown-device", ["police", "edu", "market"]),
        ("alarm.intrusion", .major, "wall-1", ["police", "edu", "fire"]),
        ("alarm.intrusion", .minor, "class-3", []),
        ("alarmist.prank", .critical, "class-3", ["market"]),
        ("gate.forced", .major, "gate-west", ["market"]),
        ("gate.forced", .major, "class-3", []),
        ("gate.open", .info, "gate-east", ["market"]),
        ("device.fault", .minor, "class-3", ["edu", "fire"]),
        ("device.fault", .info, "class-3", []),
        ("device.offline", .major, "gate-east", []),
        ("power.mains_failure", .minor, "wall-1", ["police", "fire"]),
        ("new.kind_at_run_time", .info, "wall-1", ["police", "fire"]),
    ])
    func eventsReachTheUplinksOfEveryRouteTheyMatch(kind: String, severity: Severity, device: String, expected: [String]) {
        let table = RouteTable(routes: Self.routes, destinations: Self.uplinks, devices: Self.devices, schedules: ["school-hours"])
        var got: [String] = []
        table.destinations(for: Fixtures.event(EventKind(kind), severity, device: device)).forEach { got.append(Self.uplinks[$0]) }
        #expect(got.sorted() == expected.sorted())
    }

    @Test func theFirstMatchingRouteGivesEachUplinkItsTopic() {
        let table = RouteTable(routes: Self.routes, destinations: Self.uplinks, devices: Self.devices)
        let hit = table.destinations(for: Fixtures.event(.emergency, .critical, device: "wall-1"))
        #expect(hit.route(forUplink: 0) == 0, "police through emergencies-to-police (topic sos/{device}), not north-wall-to-fire")
        #expect(hit.route(forUplink: 2) == 3)
        #expect(hit.route(forUplink: 3) == 6)
    }

    @Test func aScheduledRouteMatchesOnlyWhileItsScheduleIsActive() {
        var table = RouteTable(routes: Self.routes, destinations: Self.uplinks, devices: Self.devices, schedules: ["school-hours"])
        let open = Fixtures.event("gate.open", .info, device: "gate-east")
        #expect(!table.destinations(for: open).contains(uplink: 0))
        table.updateSchedules([true])
        #expect(table.destinations(for: open).contains(uplink: 0))
    }

    @Test func matchingDoesNotDependOnRouteOrderBeyondTopics() {
        let forward = RouteTable(routes: Self.routes, destinations: Self.uplinks, devices: Self.devices)
        let backward = RouteTable(routes: Self.routes.reversed(), destinations: Self.uplinks, devices: Self.devices)
        for kind in ["alarm.emergency", "alarm.tamper", "gate.open", "device.fault", "x.y"] {
            for severity in Severity.allCases {
                for device in Self.devices.map(\.id) {
                    let event = Fixtures.event(EventKind(kind), severity, device: device)
                    #expect(forward.destinations(for: event).mask == backward.destinations(for: event).mask)
                }
            }
        }
    }

    @Test func manyRoutesMatchLikeAWalkOverThem() {
        // 300 routes spill over several 64-bit words; every answer must equal a plain scan.
        var rng = SystemRandomNumberGenerator()
        let kinds = ["alarm.*", "alarm.emergency", "device.*", "*", "gate.forced"]
        let routes = (0..<300).map { i in
            RouteConfig(
                name: "r\(i)", kinds: [kinds[i % kinds.count]], minSeverity: Severity.allCases[i % 4],
                devices: i % 7 == 0 ? [Self.devices[i % 4].id] : [], tags: i % 11 == 0 ? ["gate"] : [],
                uplinks: [Self.uplinks[Int.random(in: 0..<4, using: &rng)]])
        }
        let table = RouteTable(routes: routes, destinations: Self.uplinks, devices: Self.devices)
        for kind in ["alarm.emergency", "alarm.tamper", "device.fault", "gate.forced", "power.x"] {
            for severity in Severity.allCases {
                for device in Self.devices {
                    let event = Fixtures.event(EventKind(kind), severity, device: device.id)
                    var expected = Destinations()
                    for (index, route) in routes.enumerated()
                    where severity >= route.minSeverity && route.kinds.contains(where: { EventMatch.pattern($0, matches: kind) })
                        && (route.devices.isEmpty || route.devices.contains(device.id))
                        && (route.match.tags.isEmpty || route.match.tags.contains(where: device.tags.contains))
                    {
                        for uplink in route.uplinks { expected.insert(uplink: Self.uplinks.firstIndex(of: uplink)!, route: index) }
                    }
                    #expect(table.destinations(for: event) == expected)
                }
            }
        }
    }
}
