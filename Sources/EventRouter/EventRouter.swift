import GatewayCore
import SiteConfig

/// Stamps every event with its gateway-wide `seq` and time-ordered `id`, decides its
/// destinations from the routes, and hands both to the dispatch sink (the journal, or
/// the uplinks directly). Device states go to every uplink, so each platform's online
/// patrol sees every device.
///
/// Stamping and hand-over happen under one lock so the sink receives events in `seq`
/// order; a hand-over is a queue push, never I/O.
public final class EventRouter: EventSink {
    private let table: RouteTable
    private let sink: any DispatchSink
    private nonisolated(unsafe) var ids = EventIDGenerator()
    private let lock = ConditionLock()
    // Guarded by `lock`.
    private nonisolated(unsafe) var nextSeq: UInt64
    private nonisolated(unsafe) var unrouted: UInt64 = 0
    private nonisolated(unsafe) var routed: UInt64 = 0

    /// `uplinks` are the site's uplink names in order: route `i`'s uplinks become
    /// destination bits. `firstSeq` lets a restarted gateway continue its sequence.
    public init(routes: [RouteConfig], uplinks: [String], sink: any DispatchSink, firstSeq: UInt64 = 1) {
        self.table = RouteTable(routes: routes, destinations: uplinks)
        self.sink = sink
        self.nextSeq = firstSeq
    }

    public func submit(_ event: Event) {
        var event = event
        let destinations = table.destinations(for: event)
        lock.withLock {
            event.seq = nextSeq
            nextSeq += 1
            event.id = ids.next()
            if destinations.isEmpty { unrouted += 1 } else { routed += 1 }
            sink.dispatch(event, to: destinations)
        }
    }

    public func updateState(_ snapshot: DeviceSnapshot) {
        sink.updateState(snapshot)
    }

    /// Events that matched no route (still stamped, so `seq` stays gap-free).
    public var unroutedCount: UInt64 { lock.withLock { unrouted } }
    public var routedCount: UInt64 { lock.withLock { routed } }
    /// The seq the next event will get.
    public var upcomingSeq: UInt64 { lock.withLock { nextSeq } }
}
