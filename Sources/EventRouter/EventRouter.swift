import GatewayCore
import SiteConfig

/// Stamps every event with its gateway-wide `seq` and time-ordered `id`, and hands it to
/// the destinations its routes name. Device states go to every destination, so each
/// platform's online patrol sees every device.
///
/// Stamping and hand-over happen under one lock so every destination receives events in
/// `seq` order; a hand-over is a queue push, never I/O.
public final class EventRouter: EventSink {
    private let table: RouteTable
    private let destinations: [any EventSink]
    private let ids = EventIDGenerator()
    private let lock = ConditionLock()
    // Guarded by `lock`.
    private nonisolated(unsafe) var nextSeq: UInt64
    private nonisolated(unsafe) var unrouted: UInt64 = 0
    private nonisolated(unsafe) var routed: UInt64 = 0

    /// `firstSeq` lets a restarted gateway continue its sequence.
    public init(routes: [RouteConfig], destinations: [(name: String, sink: any EventSink)], firstSeq: UInt64 = 1) {
        self.table = RouteTable(routes: routes, destinations: destinations.map(\.name))
        self.destinations = destinations.map(\.sink)
        self.nextSeq = firstSeq
    }

    public func submit(_ event: Event) {
        var event = event
        let targets = table.destinations(for: event)
        lock.withLock {
            event.seq = nextSeq
            nextSeq += 1
            event.id = ids.next()
            if targets.isEmpty { unrouted += 1 } else { routed += 1 }
            for index in targets { destinations[index].submit(event) }
        }
    }

    public func updateState(_ snapshot: DeviceSnapshot) {
        for destination in destinations { destination.updateState(snapshot) }
    }

    /// Events that matched no route (still stamped, so `seq` stays gap-free).
    public var unroutedCount: UInt64 { lock.withLock { unrouted } }
    public var routedCount: UInt64 { lock.withLock { routed } }
    /// The seq the next event will get.
    public var upcomingSeq: UInt64 { lock.withLock { nextSeq } }
}
