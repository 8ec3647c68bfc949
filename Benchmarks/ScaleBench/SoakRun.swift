import BenchSupport
import Foundation
import GatewayCore
import GatewayTesting

/// The soak: a scenario's load for many minutes while the broker is restarted every few
/// minutes, a node is unplugged and plugged back every minute, and the tamper inputs of a
/// few SOS columns flip at a steady rate. Every caused event must reach the subscriber
/// (a persistent session, so nothing is lost at the broker while it is away); VmRSS is
/// sampled every few seconds for its growth after the warm-up.
struct SoakRun {
    struct Plan: Sendable, Codable {
        var scenario: Scenario
        var minutes: Int
        var sosColumns: Int
        var flipEverySeconds: Double
        var brokerRestartMinutes: Int
        var unplugSeconds: Int
        var sampleSeconds: Int
        var warmUpMinutes: Int
    }

    let plan: Plan
    let settings: RunSettings

    func run() async throws -> SoakResult {
        let progress = settings.progress
        progress("soak of \(plan.scenario.name) with \(plan.sosColumns) SOS columns for \(plan.minutes) min")
        return try await ScaleRig.session(plan.scenario, sosColumns: plan.sosColumns, persistence: true, settings: settings) { rig, control, _ in
            try await soak(rig: rig, control: control)
        }
    }

    private func soak(rig: ScaleRig, control: ControlClient) async throws -> SoakResult {
        let progress = settings.progress
        let scenario = plan.scenario
        // A persistent session: while the broker restarts, what the gateway publishes is kept for it.
        let subscriber = try TestSubscriber(
            broker: rig.broker, filter: ScaleSite.topicPrefix + "/events/+", clientID: "scale-soak-subscriber", cleanSession: false
        )
        defer { subscriber.shutdown() }
        try await subscriber.waitForConnection()
        guard let gateway = rig.gateway else { throw BenchError("no gateway") }

        var changer = ValueChanger(site: rig.site, control: control, percent: settings.changingPercent, seed: settings.seed)
        var ledger = FlipLedger()
        var trend = RSSTrend(warmUpSeconds: Double(plan.warmUpMinutes * 60))
        let loadStart = Proc.loadAverage() ?? 0
        var sampler = try ResourceSampler(gateway: gateway.pid, others: rig.others)
        var pressed = Array(repeating: false, count: rig.site.sosIDs.count)
        var flips = 0, unplugs = 0, brokerRestarts = 0, nextColumn = 0
        var unplugged: String?
        let startNs = WallClock.monotonicNanoseconds()
        func elapsed() -> Double { Double(WallClock.monotonicNanoseconds() - startNs) / 1e9 }
        let total = Double(plan.minutes * 60)
        var nextFlip = plan.flipEverySeconds, nextSample = 0.0, nextTick = 0.0
        var nextUnplug = 20.0, nextPlug = Double.infinity
        var nextRestart = Double(plan.brokerRestartMinutes * 60)
        var nextReport = 60.0

        while elapsed() < total {
            try Interrupt.check()
            let now = elapsed()
            if now >= nextSample {
                for process in rig.processes { try process.requireRunning() }
                try sampler.sample()
                if let memory = Proc.memory(gateway.pid) { trend.add(seconds: now, rssKB: memory.rssKB) }
                nextSample += Double(plan.sampleSeconds)
            }
            if now >= nextFlip, !rig.site.sosIDs.isEmpty {
                let column = nextColumn
                nextColumn = (nextColumn + 1) % rig.site.sosIDs.count
                let press = !pressed[column]
                try control.send("\(press ? "press" : "release") \(rig.site.sosIDs[column]) \(ScaleSite.alarmPoint)")
                pressed[column] = press
                ledger.expect(rig.site.sosIDs[column], "\(ScaleSite.alarmPoint) alarm.tamper", press ? "active" : "cleared")
                flips += 1
                nextFlip += plan.flipEverySeconds
            }
            if now >= nextUnplug {
                let node = rig.site.nodeIDs[unplugs % rig.site.nodeIDs.count]
                try control.send("unplug \(node)")
                unplugged = node
                unplugs += 1
                ledger.expect(node, "device.offline", "active")
                nextPlug = now + Double(plan.unplugSeconds)
                nextUnplug += 60
            }
            if now >= nextPlug, let node = unplugged {
                try control.send("plug \(node)")
                ledger.expect(node, "device.online", "cleared")
                unplugged = nil
                nextPlug = .infinity
            }
            if now >= nextRestart {
                progress(String(format: "%.0f s: restarting the broker", now))
                try rig.broker.restart()
                brokerRestarts += 1
                nextRestart += Double(plan.brokerRestartMinutes * 60)
            }
            if changer.perNode > 0, now >= nextTick {
                try changer.tick()
                nextTick = max(nextTick + Double(scenario.intervalMs) / 1000, now)
            }
            ledger.collect(subscriber)
            if now >= nextReport {
                let rss = trend.lastMiB.map { String(format: "%.1f MiB", $0) } ?? "?"
                progress(String(format: "%.0f min: %d flips, %d events expected, %d not yet seen; RSS %@", now / 60, flips, ledger.expectedCount, ledger.lost, rss))
                nextReport += 60
            }
            try await Task.sleep(for: .milliseconds(20))
        }
        if let node = unplugged {
            try control.send("plug \(node)")
            ledger.expect(node, "device.online", "cleared")
        }
        let resources = ResourceFigures(try sampler.finish(), loadStart: loadStart)
        // Late arrivals: replays after the last restart, the last plug.
        let drainDeadline = ContinuousClock.now + .seconds(60)
        while ledger.lost > 0, ContinuousClock.now < drainDeadline {
            try Interrupt.check()
            ledger.collect(subscriber)
            try await Task.sleep(for: .milliseconds(100))
        }
        ledger.collect(subscriber)
        let stop = rig.stopGateway()
        progress(String(format: "gateway stopped: exit %d after %.2f s", stop?.exitCode ?? -1, stop?.seconds ?? 0))
        return SoakResult(
            plan: plan, changingPercent: settings.changingPercent, flips: flips, unplugs: unplugs, brokerRestarts: brokerRestarts, ledger: ledger,
            trend: trend, resources: resources, gatewayExitCode: stop?.exitCode ?? -1, gatewayErrorLines: rig.gatewayErrorLines()
        )
    }
}
