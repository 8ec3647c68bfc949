import Foundation
import BenchSupport
import GatewayCore
import GatewayTesting

extension BenchRun {
    /// Scenarios (a) and (b): tamper flips at uniformly random gaps for `seconds`; in (b)
    /// the lower-priority load goes on beside them at `telemetryPerSecond`, and the uplinks'
    /// backlogs are read once a second.
    func flipWindow(
        probe: LatencyProbe, load: TelemetryLoad?, metrics: GatewayMetrics, subscriber: TestSubscriber, gateway: Spawned, rig: [Spawned],
        others: [(String, pid_t)]
    ) async throws -> Window {
        var sampler = try WindowSampler(gateway: gateway, rig: rig, others: others)
        var backlog = load.map { BacklogReport(queuedAtStart: Self.eventsRaised(subscriber), fillChanges: $0.changes) }
        let start = WallClock.monotonicNanoseconds()
        let end = start + UInt64(settings.seconds) * 1_000_000_000
        var nextFlip = start + probe.randomGapNs(minMs: settings.minGapMs, maxMs: settings.maxGapMs)
        let lossNs = UInt64(BenchSettings.lossTimeoutMs) * 1_000_000
        let loadAtStart = load?.changes ?? 0
        while true {
            try Interrupt.check()
            var now = WallClock.monotonicNanoseconds()
            if now >= end { break }
            if now >= nextFlip {
                try probe.flip()
                nextFlip = now + probe.randomGapNs(minMs: settings.minGapMs, maxMs: settings.maxGapMs)
            }
            if let load {
                // Keeps the load at its rate: as many changes as are due by now.
                let due = Int(Double(now - start) / 1e9 * Double(settings.telemetryPerSecond))
                try load.change(upTo: due - (load.changes - loadAtStart))
            }
            if now >= sampler.nextDueNs {
                try sampler.tick()
                if load != nil { backlog?.observe(metrics.backlogs()) }
            }
            probe.collect(lossTimeoutNs: lossNs)
            now = WallClock.monotonicNanoseconds()
            let wake = min(nextFlip, sampler.nextDueNs, end, now + (load == nil ? 20_000_000 : 5_000_000))
            if wake > now { try await Task.sleep(for: .nanoseconds(wake - now)) }
        }
        if let load {
            backlog?.windowChanges = load.changes - loadAtStart
            backlog?.atEnd = metrics.backlogs()
            backlog?.queuedAtEnd = Self.eventsRaised(subscriber)
        }
        return Window(resources: try sampler.finish(), backlog: backlog, rounds: nil)
    }

    /// Events the subscriber received since the gateway started: in (b), what the down
    /// uplink holds (see `BacklogReport`).
    static func eventsRaised(_ subscriber: TestSubscriber) -> Int {
        let prefix = BenchSite.topicPrefix + "/events/"
        return subscriber.messages.count { $0.topic.hasPrefix(prefix) }
    }

    /// Scenario (b), before the window: lower-priority changes as fast as the load allows
    /// until the down uplink holds `backlogTarget` events. Returns the `/metrics` backlogs
    /// then and how long it took.
    func fillBacklog(
        _ load: TelemetryLoad, metrics: GatewayMetrics, subscriber: TestSubscriber, rig: [Spawned]
    ) async throws -> ([String: Int], Double) {
        settings.progress("queueing lower-priority events until uplink \(BenchSite.reserveUplink) (down) holds \(settings.backlogTarget)")
        let start = WallClock.monotonicNanoseconds()
        let deadline = start + 180 * 1_000_000_000
        var nextCheck = start
        while true {
            try Interrupt.check()
            let now = WallClock.monotonicNanoseconds()
            if now >= nextCheck {
                for process in rig { try process.requireRunning() }
                let queued = Self.eventsRaised(subscriber)
                if queued >= settings.backlogTarget { break }
                guard now < deadline else { throw BenchError("only \(queued) events raised after 180 s") }
                nextCheck = now + 100_000_000
            }
            try load.change(upTo: 40)
            try await Task.sleep(for: .milliseconds(5))
        }
        let seconds = Double(WallClock.monotonicNanoseconds() - start) / 1e9
        let backlogs = metrics.backlogs()
        settings.progress(String(format: "backlog reached after %.1f s and %d input changes; /metrics says %@", seconds, load.changes, "\(backlogs)"))
        return (backlogs, seconds)
    }
}
