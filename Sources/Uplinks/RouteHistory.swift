import SiteConfig

/// The site's routes as an uplink publishes with them, across reloads. An event carries
/// the index of the route that chose it in the router that stamped it; a reload that keeps
/// the uplink brings a new router with new routes from some `seq` on, while events stamped
/// by the old router may still wait in the queue or on disk. Each keeps the topic and QoS
/// of the routes it was routed with.
struct RouteHistory {
    /// Oldest first; `fromSeq` of the first is 0.
    private var generations: [(fromSeq: UInt64, routes: [RouteConfig])]

    init(_ routes: [RouteConfig]) {
        generations = [(0, routes)]
    }

    /// Routes for events from `seq` on. Older generations are forgotten when nothing that
    /// could need them is waiting (`backlogEmpty`), so a long-running gateway keeps one.
    mutating func replace(with routes: [RouteConfig], fromSeq seq: UInt64, backlogEmpty: Bool) {
        if backlogEmpty { generations.removeAll() }
        generations.removeAll { $0.fromSeq >= seq }
        generations.append((generations.isEmpty ? 0 : seq, routes))
    }

    /// The route at `index` for the event with `seq`, if the router that stamped it had one.
    func route(_ index: Int, seq: UInt64) -> RouteConfig? {
        let routes = generations.last { $0.fromSeq <= seq }?.routes ?? generations.last?.routes ?? []
        return routes.indices.contains(index) ? routes[index] : nil
    }
}
