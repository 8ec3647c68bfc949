/// What the router has done since start.
public struct RoutingStats: Sendable, Codable, Equatable {
    /// Events by kind (`alarm.emergency` → 3).
    public var eventsByKind: [String: UInt64]
    /// Events that matched no route.
    public var unrouted: UInt64
    /// From the router taking an event to handing it over.
    public var latency: LatencyHistogram

    public init(eventsByKind: [String: UInt64] = [:], unrouted: UInt64 = 0, latency: LatencyHistogram = LatencyHistogram()) {
        self.eventsByKind = eventsByKind
        self.unrouted = unrouted
        self.latency = latency
    }
}
