import GatewayCore
import SiteConfig

/// Everything the dispatcher changes per event, in one value so the hot path reaches it
/// through a single exclusive access. Only the thread holding the router's dispatch gate
/// touches it.
struct RouterState {
    /// A linkage rule that fired, with the event that fired it.
    struct Firing {
        var rule: Int
        var trigger: Event
    }

    var directory: RoutingDirectory
    var routes: RouteTable
    var linkage: LinkageTable
    var flood: FloodControl?
    var schedules: ScheduleBook
    let drillSchedule: Int?
    /// Drill turned on by a command, until this wall-clock ms (`Int64.max`: until turned off).
    var drillUntil: Int64 = Int64.min
    /// Kind indexes of linkage results, which never trigger linkage (no loops).
    let linkageResultKinds: ClosedRange<Int>

    var ids = EventIDGenerator()
    var wall = WallClockEstimate()
    var nextSeq: UInt64
    var kindCounts: [UInt64]
    var routed: UInt64 = 0
    var unrouted: UInt64 = 0
    var floodCollapsed: UInt64 = 0
    var floodSummaries: UInt64 = 0
    var drillMarked: UInt64 = 0
    var linkageFired: UInt64 = 0
    var linkageCooledDown: UInt64 = 0
    var linkageCommands: UInt64 = 0
    var latency = LatencyHistogram()

    init(routing: RoutingConfig, devices: [DeviceConfig], uplinks: [String], firstSeq: UInt64) {
        let directory = RoutingDirectory(devices: devices, rules: routing.routes.map(\.match) + routing.linkage.map(\.when))
        self.directory = directory
        schedules = ScheduleBook(routing.schedules)
        let book = schedules
        let names = book.schedules.map(\.name)
        routes = RouteTable(routes: routing.routes, destinations: uplinks, directory: directory, schedules: names)
        linkage = LinkageTable(routing.linkage, directory: directory) { book.index(of: $0) ?? -1 }
        flood = routing.flood.map { FloodControl(policy: $0, deviceRows: directory.deviceRows, kinds: directory.kinds.count) }
        drillSchedule = routing.drillSchedule.flatMap { book.index(of: $0) }
        let results = ["linkage.done", "linkage.failed", "linkage.refused"].compactMap { directory.kind($0) }
        linkageResultKinds = results.min()!...results.max()!
        nextSeq = firstSeq
        kindCounts = Array(repeating: 0, count: directory.kinds.count)
    }

    @inline(__always)
    mutating func kindIndex(_ name: String) -> Int {
        if let index = directory.kind(name) { return index }
        return addKind(name)
    }

    /// A kind first seen at run time: every table gains its row (allocates, once per kind).
    private mutating func addKind(_ name: String) -> Int {
        let index = directory.addKind(name)
        routes.addKind(name)
        linkage.addKind(name)
        flood?.addKind()
        kindCounts.append(0)
        return index
    }

    /// Re-reads the schedules when a boundary has passed.
    @inline(__always)
    mutating func refreshSchedules(atMilliseconds now: Int64) {
        if schedules.refresh(atMilliseconds: now) { applySchedules() }
    }

    mutating func applySchedules() {
        routes.updateSchedules(schedules.active)
        linkage.updateSchedules(schedules.active)
    }

    func isDrill(atMilliseconds now: Int64) -> Bool {
        now < drillUntil || drillSchedule.map { schedules.active[$0] } == true
    }

    /// Routes one event: flood control, drill marking, stamping, routes, hand-over to
    /// `sink`, linkage. Appends the linkage rules it fires to `firings`.
    @inline(__always)
    mutating func handle(
        _ incoming: Event, submittedAt: UInt64, now: UInt64, nowMilliseconds: Int64, sink: any DispatchSink,
        firings: inout [Firing]
    ) {
        let kind = kindIndex(incoming.kind.rawValue)
        let device = directory.device(incoming.device)
        kindCounts[kind] &+= 1
        if flood != nil {
            let (verdict, summary) = flood!.admit(incoming, kind: kind, device: device, now: now)
            if let summary {
                floodSummaries &+= 1
                emit(summary, kind: kind, device: device, now: now, nowMilliseconds: nowMilliseconds, sink: sink, firings: &firings)
            }
            if verdict == .heldBack {
                floodCollapsed &+= 1
                return
            }
        }
        emit(incoming, kind: kind, device: device, now: now, nowMilliseconds: nowMilliseconds, sink: sink, firings: &firings)
    }

    /// Flood summaries whose window has ended (every one when `all`), sent now.
    mutating func flushFlood(now: UInt64, nowMilliseconds: Int64, all: Bool = false, sink: any DispatchSink, firings: inout [Firing]) {
        guard flood != nil else { return }
        for summary in flood!.dueSummaries(now: now, all: all) {
            floodSummaries &+= 1
            let kind = kindIndex(summary.kind.rawValue)
            let device = directory.device(summary.device)
            emit(summary, kind: kind, device: device, now: now, nowMilliseconds: nowMilliseconds, sink: sink, firings: &firings)
        }
    }

    @inline(__always)
    private mutating func emit(
        _ incoming: Event, kind: Int, device: Int, now: UInt64, nowMilliseconds: Int64, sink: any DispatchSink,
        firings: inout [Firing]
    ) {
        var event = incoming
        if !event.drill && isDrill(atMilliseconds: nowMilliseconds) { event.drill = true }
        if event.drill { drillMarked &+= 1 }
        event.seq = nextSeq
        nextSeq &+= 1
        event.id = ids.next(milliseconds: nowMilliseconds)
        let lane = event.severity.lane
        let destinations = routes.destinations(kind: kind, lane: lane, state: event.state, device: device)
        if destinations.isEmpty { unrouted &+= 1 } else { routed &+= 1 }
        sink.dispatch(event, to: destinations)
        guard !linkage.isEmpty, !linkageResultKinds.contains(kind) else { return }
        let (fired, cooling) = linkage.trigger(kind: kind, lane: lane, state: event.state, device: device, now: now)
        linkageCooledDown &+= UInt64(cooling)
        for rule in fired { firings.append(Firing(rule: rule, trigger: event)) }
    }

    func stats() -> RouterStats {
        RouterStats(
            eventsByKind: zip(directory.kinds, kindCounts).filter { $0.1 > 0 }.map { (kind: $0.0, count: $0.1) },
            routed: routed, unrouted: unrouted, floodCollapsed: floodCollapsed, floodSummaries: floodSummaries,
            drillMarked: drillMarked, linkageFired: linkageFired, linkageCooledDown: linkageCooledDown,
            linkageCommands: linkageCommands,
            latency: zip(LatencyHistogram.upperBounds, latency.counts).map { RouterStats.LatencyBucket(upperBoundNanoseconds: $0, count: $1) },
            latencySumNanoseconds: latency.sum, latencyCount: latency.total
        )
    }
}
