import GatewayCore
import StatusPage

/// Sits between polling and the router and remembers what no part's stats say: which
/// alarms are active now and since when (an `active` event opens one, `cleared` closes
/// it), and whether the router's hand-over is still returning (the watchdog's router check).
/// It forwards everything unchanged.
///
/// Bus threads call it; it holds its lock only to update small tables, never while the
/// router works, so it adds no wait to the router's hand-over.
public final class StatusRecorder: EventSink {
    private let next: any EventSink
    private let lock = ConditionLock()
    // Guarded by `lock`.
    private nonisolated(unsafe) var active: [AlarmKey: ActiveAlarm] = [:]
    private nonisolated(unsafe) var handOvers = HandOverWatch()
    /// While a reload swaps the gateway, what polling reports waits here (in order) for the
    /// new one, instead of reaching a router that is shutting down.
    private nonisolated(unsafe) var held: [Held]?

    private enum Held {
        case event(Event)
        case state(DeviceSnapshot)
    }

    public init(forwardingTo next: any EventSink) {
        self.next = next
    }

    public func submit(_ event: Event) {
        let holding = lock.withLock {
            if held != nil {
                held?.append(.event(event))
                record(event)
                return true
            }
            handOvers.begin(at: WallClock.monotonicNanoseconds())
            return false
        }
        if holding { return }
        next.submit(event)
        lock.withLock {
            handOvers.end(at: WallClock.monotonicNanoseconds())
            record(event)
        }
    }

    public func updateState(_ snapshot: DeviceSnapshot) {
        let holding = lock.withLock {
            if held != nil { held?.append(.state(snapshot)) }
            return held != nil
        }
        if !holding { next.updateState(snapshot) }
    }

    /// From now on, keeps what polling reports instead of forwarding it.
    func hold() {
        lock.withLock { if held == nil { held = [] } }
    }

    /// Hands everything held, in order, to `successor` (the new gateway's recorder), which
    /// also takes over the alarms still active on devices that remain.
    func release(to successor: StatusRecorder, devices: Set<String>) {
        successor.carryOver(from: self, devices: devices)
        let items = lock.withLock { () -> [Held] in
            defer { held = nil }
            return held ?? []
        }
        for item in items {
            switch item {
            case .event(let event) where devices.contains(event.device): successor.submit(event)
            case .state(let snapshot) where devices.contains(snapshot.device): successor.updateState(snapshot)
            default: break
            }
        }
    }

    /// The alarms active now, oldest first.
    public var alarms: [ActiveAlarm] {
        lock.withLock { active.values.sorted { ($0.since, $0.device, $0.point) < ($1.since, $1.device, $1.point) } }
    }

    /// Takes over what `previous` knew of the devices still present (a reload builds a new
    /// gateway; an alarm that is still active stays on the page with its start time).
    public func carryOver(from previous: StatusRecorder, devices: Set<String>) {
        let kept = previous.lock.withLock { previous.active.filter { devices.contains($0.key.device) || $0.key.device == "gateway" } }
        lock.withLock { active.merge(kept) { mine, _ in mine } }
    }

    /// The router's liveness: no hand-over has been in progress for longer than `limit`.
    public func routerHealth(limit: Duration = .seconds(5)) -> HealthReport {
        let stuck = lock.withLock { handOvers.stuckFor(now: WallClock.monotonicNanoseconds()) }
        if let stuck, stuck > limit.nanoseconds {
            return HealthReport(name: "router", alive: false, detail: "an event hand-over has not returned for \(stuck / 1_000_000_000) s")
        }
        return HealthReport(name: "router", alive: true)
    }

    private func record(_ event: Event) {
        let key = AlarmKey(device: event.device, point: event.point)
        switch event.state {
        case .active:
            if active[key] == nil {
                active[key] = ActiveAlarm(
                    device: event.device, point: event.point, kind: event.kind.rawValue, severity: event.severity.rawValue,
                    location: event.location, since: event.timestamp, drill: event.drill
                )
            }
        case .cleared:
            active[key] = nil
        }
    }

    private struct AlarmKey: Hashable {
        var device: String
        var point: String
    }
}
