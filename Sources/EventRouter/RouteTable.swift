import GatewayCore
import SiteConfig

/// Routes compiled for matching: which destinations an event goes to.
///
/// With no routes configured, every event goes to every destination.
public struct RouteTable: Sendable {
    struct CompiledRoute: Sendable {
        var exactKinds: Set<String>
        var kindPrefixes: [String]
        var anyKind: Bool
        var minPriority: Int
        var devices: Set<String>
        var destinations: [Int]
    }

    public let destinationNames: [String]
    private let routes: [CompiledRoute]
    private let everything: Bool

    public init(routes: [RouteConfig], destinations: [String]) {
        destinationNames = destinations
        everything = routes.isEmpty
        self.routes = routes.map { route in
            var exact = Set<String>(), prefixes: [String] = [], any = false
            for pattern in route.kinds {
                if pattern == "*" { any = true }
                else if pattern.hasSuffix(".*") { prefixes.append(String(pattern.dropLast(1))) }
                else { exact.insert(pattern) }
            }
            return CompiledRoute(
                exactKinds: exact, kindPrefixes: prefixes, anyKind: any, minPriority: route.minSeverity.priority,
                devices: Set(route.devices), destinations: route.uplinks.compactMap { destinations.firstIndex(of: $0) })
        }
    }

    /// The uplinks `event` goes to, each with the first route that chose it.
    public func destinations(for event: Event) -> Destinations {
        if everything { return .all(destinationNames.count) }
        var result = Destinations()
        for (index, route) in routes.enumerated() where matches(route, event) {
            for uplink in route.destinations { result.insert(uplink: uplink, route: index) }
        }
        return result
    }

    private func matches(_ route: CompiledRoute, _ event: Event) -> Bool {
        guard event.severity.priority <= route.minPriority else { return false }
        if !route.devices.isEmpty && !route.devices.contains(event.device) { return false }
        if route.anyKind { return true }
        let kind = event.kind.rawValue
        if route.exactKinds.contains(kind) { return true }
        return route.kindPrefixes.contains { kind.hasPrefix($0) }
    }
}
