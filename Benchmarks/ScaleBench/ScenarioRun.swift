import BenchSupport
import Foundation
import GatewayCore

/// One scenario: rig up, every node online, a settling pause, then the window in which the
/// gateway's CPU and memory are sampled once a second (and a share of the points changed
/// every poll interval, when asked); then everything stopped again, also when a step fails.
struct ScenarioRun {
    let scenario: Scenario
    let settings: RunSettings

    func run() async throws -> ScenarioResult {
        let progress = settings.progress
        progress("scenario \(scenario.name): \(scenario.points) f32 points, \(scenario.nodes) node(s), every \(scenario.intervalMs) ms")
        return try await ScaleRig.session(scenario, settings: settings) { rig, control, startup in
            try await measure(rig: rig, control: control, startup: startup)
        }
    }

    private func measure(rig: ScaleRig, control: ControlClient, startup: Double) async throws -> ScenarioResult {
        let progress = settings.progress
        progress("settling \(settings.settleSeconds) s")
        let states = try StateCounter(host: rig.broker.host, port: rig.broker.plainPort)
        defer { states.shutdown() }

        var changer = ValueChanger(site: rig.site, control: control, percent: settings.changingPercent, seed: settings.seed)
        try await changing(&changer, for: .seconds(settings.settleSeconds), rig: rig)
        guard let gateway = rig.gateway else { throw BenchError("no gateway") }

        progress("measuring for \(settings.seconds) s")
        let loadStart = Proc.loadAverage() ?? 0
        let statesBefore = states.totals
        let setsBefore = changer.sets
        var sampler = try ResourceSampler(gateway: gateway.pid, others: rig.others)
        let end = WallClock.monotonicNanoseconds() + UInt64(settings.seconds) * 1_000_000_000
        var nextSample = WallClock.monotonicNanoseconds() + 1_000_000_000
        var nextTick = WallClock.monotonicNanoseconds()
        let intervalNs = UInt64(scenario.intervalMs) * 1_000_000
        while true {
            try Interrupt.check()
            let now = WallClock.monotonicNanoseconds()
            if now >= end { break }
            if changer.perNode > 0, now >= nextTick {
                try changer.tick()
                nextTick += intervalNs
                if nextTick < now { nextTick = now + intervalNs }  // the simulator fell behind: skip, do not bunch
            }
            if now >= nextSample {
                for process in rig.processes { try process.requireRunning() }
                try sampler.sample()
                nextSample += 1_000_000_000
            }
            let wake = min(nextSample, end, changer.perNode > 0 ? nextTick : end)
            let after = WallClock.monotonicNanoseconds()
            if wake > after { try await Task.sleep(for: .nanoseconds(wake - after)) }
        }
        let resources = ResourceFigures(try sampler.finish(), loadStart: loadStart)
        let statesAfter = states.totals
        let stop = rig.stopGateway()
        progress(String(format: "gateway stopped: exit %d after %.2f s%@", stop?.exitCode ?? -1, stop?.seconds ?? 0, stop?.killed == true ? " (killed)" : ""))
        let window = resources.windowSeconds
        return ScenarioResult(
            scenario: scenario, changingPercent: settings.changingPercent, startupSeconds: startup, resources: resources,
            stateMessagesPerSecond: Double(statesAfter.messages - statesBefore.messages) / window,
            stateMBPerSecond: Double(statesAfter.bytes - statesBefore.bytes) / window / 1e6,
            valueSetsPerSecond: Double(changer.sets - setsBefore) / window,
            gatewayExitCode: stop?.exitCode ?? -1, gatewayErrorLines: rig.gatewayErrorLines()
        )
    }

    /// Waits `duration` while the changer keeps ticking.
    private func changing(_ changer: inout ValueChanger, for duration: Duration, rig: ScaleRig) async throws {
        let deadline = ContinuousClock.now + duration
        while ContinuousClock.now < deadline {
            try Interrupt.check()
            for process in rig.processes { try process.requireRunning() }
            try changer.tick()
            try await Task.sleep(for: .milliseconds(scenario.intervalMs))
        }
    }
}
