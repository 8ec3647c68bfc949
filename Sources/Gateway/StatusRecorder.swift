import GatewayCore
import StatusPage

/// Sits between polling and the router and remembers what the status page needs: each
/// device's latest state, the alarms active now, events per kind and how long the router
/// takes to hand an event over. It forwards everything unchanged.
///
/// Bus threads call it; it holds its lock only to update small tables, never while the
/// router works, so it adds no wait to the router's hand-over.
public final class StatusRecorder: EventSink {
    private let next: any EventSink
    private let lock = ConditionLock()
    // Guarded by `lock`.
    private nonisolated(unsafe) var snapshots: [String: DeviceSnapshot] = [:]
    private nonisolated(unsafe) var active: [AlarmKey: ActiveAlarm] = [:]
    private nonisolated(unsafe) var kinds: [String: UInt64] = [:]
    private nonisolated(unsafe) var latency = LatencyHistogram()
    private nonisolated(unsafe) var handOvers = HandOverWatch()

    public init(forwardingTo next: any EventSink) {
        self.next = next
    }

    public func submit(_ event: Event) {
        let start = WallClock.monotonicNanoseconds()
        lock.withLock { handOvers.begin(at: start) }
        next.submit(event)
        let end = WallClock.monotonicNanoseconds()
        lock.withLock {
            handOvers.end(at: end)
            latency.record(nanoseconds: end - start)
            kinds[event.kind.rawValue, default: 0] += 1
            record(event)
        }
    }

    public func updateState(_ snapshot: DeviceSnapshot) {
        lock.withLock { snapshots[snapshot.device] = snapshot }
        next.updateState(snapshot)
    }

    /// What the status page shows, taken at once.
    public struct Recorded: Sendable {
        public var snapshots: [String: DeviceSnapshot]
        public var alarms: [ActiveAlarm]
        public var eventsByKind: [String: UInt64]
        public var routingLatency: LatencyHistogram
    }

    public func recorded() -> Recorded {
        lock.withLock {
            Recorded(
                snapshots: snapshots, alarms: active.values.sorted { ($0.since, $0.device, $0.point) < ($1.since, $1.device, $1.point) },
                eventsByKind: kinds, routingLatency: latency
            )
        }
    }

    /// Drops what is remembered of devices a reload removed.
    public func forget(devices: Set<String>) {
        guard !devices.isEmpty else { return }
        lock.withLock {
            for device in devices { snapshots[device] = nil }
            active = active.filter { !devices.contains($0.key.device) }
        }
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
