/// A snapshot of the router's counters, for the status page and Prometheus. Counters
/// only grow while the process runs.
public struct RouterStats: Sendable, Equatable {
    public struct LatencyBucket: Sendable, Equatable {
        /// Exclusive upper bound in nanoseconds; nil for the last (+Inf) bucket.
        public var upperBoundNanoseconds: UInt64?
        /// Events in this bucket alone (not cumulative).
        public var count: UInt64
    }

    /// Events submitted, by kind (collapsed ones included), in first-seen order.
    public var eventsByKind: [(kind: String, count: UInt64)]
    /// Events handed on with at least one destination, and with none.
    public var routed: UInt64
    public var unrouted: UInt64
    /// Events held back by flood control, and the summaries that stood in for them.
    public var floodCollapsed: UInt64
    public var floodSummaries: UInt64
    /// Events marked `drill: true`.
    public var drillMarked: UInt64
    /// Linkage rules fired, skipped for their cool-down, and commands asked for.
    public var linkageFired: UInt64
    public var linkageCooledDown: UInt64
    public var linkageCommands: UInt64
    /// Submit to hand-over (or to being held back), per event.
    public var latency: [LatencyBucket]
    public var latencySumNanoseconds: UInt64
    public var latencyCount: UInt64

    public static func == (a: RouterStats, b: RouterStats) -> Bool {
        a.eventsByKind.map(\.kind) == b.eventsByKind.map(\.kind) && a.eventsByKind.map(\.count) == b.eventsByKind.map(\.count)
            && a.routed == b.routed && a.unrouted == b.unrouted && a.floodCollapsed == b.floodCollapsed
            && a.floodSummaries == b.floodSummaries && a.drillMarked == b.drillMarked && a.linkageFired == b.linkageFired
            && a.linkageCooledDown == b.linkageCooledDown && a.linkageCommands == b.linkageCommands && a.latency == b.latency
            && a.latencySumNanoseconds == b.latencySumNanoseconds && a.latencyCount == b.latencyCount
    }

    /// Count of events of `kind`.
    public func events(ofKind kind: String) -> UInt64 { eventsByKind.first { $0.kind == kind }?.count ?? 0 }

    /// The latency under which `fraction` of events fell, as a bucket's upper bound
    /// (an overestimate by at most 2×); nil when nothing was recorded or it is in the last bucket.
    public func latencyBound(_ fraction: Double) -> UInt64? {
        guard latencyCount > 0 else { return nil }
        let wanted = UInt64((Double(latencyCount) * fraction).rounded(.up))
        var seen: UInt64 = 0
        for bucket in latency {
            seen += bucket.count
            if seen >= wanted { return bucket.upperBoundNanoseconds }
        }
        return nil
    }
}
