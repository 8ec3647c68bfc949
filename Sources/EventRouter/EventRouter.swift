import GatewayCore
import SiteConfig

/// The gateway's event router: decides for every event where it goes, and hands it on.
///
/// Per event, in this order: flood control (bursts per device and kind collapse into a
/// summary), drill marking, stamping (gap-free `seq`, time-ordered `id`), route matching
/// (a compiled bit-set lookup, see `MatchTable`), one hand-over to the dispatch sink (the
/// journal, or the uplinks directly), then linkage (local commands, whose results come back
/// as events). Device states go to every uplink, so each platform's online patrol sees
/// every device.
///
/// **Threads.** Any number of producers (the bus workers) call `submit`. There is no
/// router thread: one producer at a time holds the dispatch gate and routes. A producer
/// that finds the gate taken puts its event into one of four priority lanes and returns
/// at once; the holder empties the lanes, most urgent first, before it lets go. So an
/// emergency submitted while status events wait is the next event routed, the sink sees
/// events in `seq` order, and an uncontended event is routed on its producer's thread with
/// no queue, hop or wake-up at all.
public final class EventRouter: EventSink {
    private let sink: any DispatchSink
    private let executor: (any CommandExecutor)?
    private let clock: any RouterClock
    private let gate = DispatchGate()
    /// Guards `lanes` only; never held while routing.
    private let lanesLock = LaneLock()
    // Guarded by `lanesLock`.
    private nonisolated(unsafe) var lanes = SubmissionLanes()
    // Guarded by `gate`.
    private nonisolated(unsafe) var state: RouterState
    private nonisolated(unsafe) var firings: [RouterState.Firing] = []

    /// A router with routes only (no schedules, linkage or flood control), as sites
    /// without those sections get. `uplinks` are the site's uplink names in order: route
    /// `i`'s uplinks become destination bits. `firstSeq` lets a restarted gateway continue.
    public convenience init(routes: [RouteConfig], uplinks: [String], sink: any DispatchSink, firstSeq: UInt64 = 1) {
        self.init(routing: RoutingConfig(routes: routes), devices: [], uplinks: uplinks, sink: sink, firstSeq: firstSeq)
    }

    /// The full router. `devices` give the tags and locations routes select on and the
    /// kinds their profiles raise; `executor` carries out linkage commands (nil: linkage
    /// rules are matched and counted but run nothing).
    public init(
        routing: RoutingConfig, devices: [DeviceConfig], uplinks: [String], sink: any DispatchSink,
        executor: (any CommandExecutor)? = nil, clock: any RouterClock = SystemRouterClock(), firstSeq: UInt64 = 1
    ) {
        self.sink = sink
        self.executor = executor
        self.clock = clock
        state = RouterState(routing: routing, devices: devices, uplinks: uplinks, firstSeq: firstSeq)
        _ = state.schedules.refresh(atMilliseconds: clock.wallMilliseconds())
        state.applySchedules()
        firings.reserveCapacity(8)
    }

    // MARK: Producers

    public func submit(_ event: Event) {
        let submittedAt = clock.monotonicNanoseconds()
        if gate.tryLock() {
            let queued = lanesLock.withLock { lanes.count }
            if queued == 0 {
                route(event, submittedAt: submittedAt)
            } else {
                lanesLock.withLock { lanes.push(event, submittedAt: submittedAt) }
            }
            drainAndOpen()
        } else {
            lanesLock.withLock { lanes.push(event, submittedAt: submittedAt) }
            // The holder may have looked at the lanes just before this push and be leaving:
            // whoever gets the gate next drains. See `drainAndOpen`.
            if gate.tryLock() { drainAndOpen() }
        }
    }

    public func updateState(_ snapshot: DeviceSnapshot) {
        sink.updateState(snapshot)
    }

    // MARK: Commands and time

    /// Sends flood summaries whose window has ended and applies schedule changes. Call
    /// about once a second (`RouterTicker` does); events also trigger both as they pass.
    public func tick() {
        withGate {
            let nowMs = clock.wallMilliseconds()
            state.refreshSchedules(atMilliseconds: nowMs)
            state.flushFlood(now: clock.monotonicNanoseconds(), nowMilliseconds: nowMs, sink: sink, firings: &firings)
        }
    }

    /// Sends the summary of every burst still being held back, whether or not its window
    /// has ended: at shutdown, once the producers have stopped, so no count is lost.
    public func flushHeldBack() {
        withGate {
            let nowMs = clock.wallMilliseconds()
            state.flushFlood(now: clock.monotonicNanoseconds(), nowMilliseconds: nowMs, all: true, sink: sink, firings: &firings)
        }
    }

    /// Drill mode by command: every event is marked `drill: true` until `untilMilliseconds`
    /// (wall clock), or until `endDrill()` when nil.
    public func startDrill(untilMilliseconds: Int64? = nil) {
        withGate { state.drillUntil = untilMilliseconds ?? Int64.max }
    }

    /// Ends drill mode turned on by command (a drill schedule's window still counts).
    public func endDrill() {
        withGate { state.drillUntil = Int64.min }
    }

    /// Whether events routed now are marked as drill, by command or by the drill schedule.
    public var isDrill: Bool {
        withGate {
            let nowMs = clock.wallMilliseconds()
            state.refreshSchedules(atMilliseconds: nowMs)
            return state.isDrill(atMilliseconds: nowMs)
        }
    }

    /// The site's schedules with their current states.
    public var schedules: ScheduleBook {
        withGate {
            state.refreshSchedules(atMilliseconds: clock.wallMilliseconds())
            return state.schedules
        }
    }

    // MARK: Figures

    public func stats() -> RouterStats { withGate { state.stats() } }
    /// Events that matched no route (still stamped and handed on, so `seq` stays gap-free).
    public var unroutedCount: UInt64 { withGate { state.unrouted } }
    public var routedCount: UInt64 { withGate { state.routed } }
    /// The seq the next event will get.
    public var upcomingSeq: UInt64 { withGate { state.nextSeq } }
    /// Events waiting in each priority lane (0 = emergency … 3 = status).
    public func waiting(lane: Int) -> Int { lanesLock.withLock { lanes.count(lane: lane) } }

    // MARK: Dispatching

    /// Routes one event; the caller holds the gate. The event's submit time serves as
    /// "now" for flood windows, cool-downs, schedules and its id: it is when the event
    /// happened as far as the router is concerned, and it saves reading the clocks again.
    @inline(__always)
    private func route(_ event: Event, submittedAt: UInt64) {
        let now = submittedAt
        let nowMs = state.wall.milliseconds(atMonotonic: now, clock: clock)
        state.refreshSchedules(atMilliseconds: nowMs)
        state.handle(event, submittedAt: submittedAt, now: now, nowMilliseconds: nowMs, sink: sink, firings: &firings)
        state.latency.record(clock.monotonicNanoseconds() &- submittedAt)
        if !firings.isEmpty { runLinkage() }
    }

    /// Routes everything waiting, most urgent first, then opens the gate. A producer that
    /// queued just before the gate opened is not left behind: after opening, the lanes are
    /// checked again and, if anything waits, the gate is taken again (unless another
    /// producer took it, which then drains).
    private func drainAndOpen() {
        while true {
            while let waiting = lanesLock.withLock({ lanes.popMostUrgent() }) {
                route(waiting.event, submittedAt: waiting.submittedAt)
            }
            gate.unlock()
            guard lanesLock.withLock({ !lanes.isEmpty }), gate.tryLock() else { return }
        }
    }

    /// Runs `body` as the dispatcher (blocking until the gate is free), then drains.
    private func withGate<T>(_ body: () -> T) -> T {
        gate.lock()
        let result = body()
        if !firings.isEmpty { runLinkage() }
        drainAndOpen()
        return result
    }

    /// Asks the executor for each fired rule's commands; each result comes back through
    /// `submit` as a `linkage.done`, `linkage.failed` or `linkage.refused` event.
    private func runLinkage() {
        let due = firings
        firings.removeAll(keepingCapacity: true)
        for firing in due {
            let rule = state.linkage.rules[firing.rule]
            state.linkageFired &+= 1
            guard let executor else { continue }
            for (index, action) in rule.actions.enumerated() {
                state.linkageCommands &+= 1
                let request = CommandRequest(
                    id: "\(firing.trigger.id)-\(firing.rule)-\(index)", device: action.device, command: action.command,
                    argument: action.argument, origin: "linkage:\(rule.name)")
                let trigger = firing.trigger
                let location = state.directory.location(ofDevice: state.directory.device(action.device))
                let clock = self.clock
                executor.execute(request) { [weak self] result in
                    self?.submit(Self.resultEvent(result, rule: rule.name, trigger: trigger, location: location, at: clock.wallMilliseconds()))
                }
            }
        }
    }

    static func resultEvent(_ result: CommandResult, rule: String, trigger: Event, location: String, at ms: Int64) -> Event {
        let kind: EventKind
        switch result.outcome {
        case .done: kind = "linkage.done"
        case .failed: kind = "linkage.failed"
        case .refused: kind = "linkage.refused"
        }
        let reason = result.reason.isEmpty ? "" : ": \(result.reason)"
        return Event(
            site: trigger.site, device: result.request.device, point: result.request.command, kind: kind, state: .active,
            severity: result.outcome == .done ? .info : .major, timestamp: ms, location: location, drill: trigger.drill,
            detail: "rule \(rule) on \(trigger.kind) from \(trigger.device) (event \(trigger.id))\(reason)")
    }
}
