import GatewayCore
import SiteConfig

/// Routes compiled for matching: which uplinks an event goes to, and through which route.
///
/// Matching is a `MatchTable` lookup; each route's uplinks are a precomputed bit mask, so
/// the answer is built from the matching routes only. With no routes configured, every
/// event goes to every uplink.
public struct RouteTable: Sendable {
    public let destinationNames: [String]
    private(set) var directory: RoutingDirectory
    private(set) var table: MatchTable
    /// Per route: the uplinks it sends to, as destination bits.
    private let uplinkMasks: [UInt16]
    private let everything: Bool
    private let all: Destinations

    /// `devices` give the tags and locations routes may select on; `schedules` the names
    /// routes may refer to (a route whose schedule is unknown never matches).
    public init(routes: [RouteConfig], destinations: [String], devices: [DeviceConfig] = [], schedules: [String] = []) {
        self.init(routes: routes, destinations: destinations, directory: RoutingDirectory(devices: devices, rules: routes.map(\.match)), schedules: schedules)
    }

    init(routes: [RouteConfig], destinations: [String], directory: RoutingDirectory, schedules: [String]) {
        destinationNames = destinations
        self.directory = directory
        everything = routes.isEmpty
        all = .all(destinations.count)
        table = MatchTable(routes.map(\.match), directory: directory) { name in schedules.firstIndex(of: name) ?? -1 }
        table.updateSchedules(schedules.map { _ in false })
        uplinkMasks = routes.map { route in
            route.uplinks.reduce(UInt16(0)) { mask, name in
                guard let index = destinations.firstIndex(of: name), index < Destinations.capacity else { return mask }
                return mask | UInt16(1) << UInt16(index)
            }
        }
    }

    /// Tells the table which schedules are active (by index, as given to `init`).
    mutating func updateSchedules(_ active: [Bool]) {
        table.updateSchedules(active)
    }

    mutating func addKind(_ kind: String) { table.addKindRow(kind) }

    /// The uplinks an event with these indexes goes to, each with the first route that chose it.
    @inline(__always)
    func destinations(kind: Int, lane: Int, state: EventState, device: Int) -> Destinations {
        if everything { return all }
        var result = Destinations()
        table.forEachMatch(kind: kind, lane: lane, state: state, device: device) { route in
            var fresh = uplinkMasks[route] & ~result.mask
            while fresh != 0 {
                result.insert(uplink: fresh.trailingZeroBitCount, route: route)
                fresh &= fresh &- 1
            }
        }
        return result
    }

    /// The uplinks `event` goes to, for callers outside the router (the demo, tests).
    /// All schedules count as inactive here.
    public func destinations(for event: Event) -> Destinations {
        if everything { return all }
        let device = directory.device(event.device)
        if let kind = directory.kind(event.kind.rawValue) {
            return destinations(kind: kind, lane: event.severity.lane, state: event.state, device: device)
        }
        var copy = self
        let kind = copy.directory.addKind(event.kind.rawValue)
        copy.table.addKindRow(event.kind.rawValue)
        return copy.destinations(kind: kind, lane: event.severity.lane, state: event.state, device: device)
    }
}
