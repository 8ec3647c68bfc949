import BenchSupport
import Foundation
import GatewayCore

/// Commands under load: the scenario's rig, settled, then `count` signed commands one after
/// another (each waits for its result, then a random 100–300 ms pause), with the gateway's
/// CPU and memory sampled meanwhile.
struct CommandsRun {
    let scenario: Scenario
    let count: Int
    let settings: RunSettings

    func run() async throws -> CommandsResult {
        let progress = settings.progress
        progress("commands under \(scenario.name): \(scenario.points) f32 points, \(count) commands")
        return try await ScaleRig.session(scenario, settings: settings) { rig, control, _ in
            try await measure(rig: rig, control: control)
        }
    }

    private func measure(rig: ScaleRig, control: ControlClient) async throws -> CommandsResult {
        let progress = settings.progress
        var changer = ValueChanger(site: rig.site, control: control, percent: settings.changingPercent, seed: settings.seed)
        let probe = try await CommandProbe(site: rig.site, broker: rig.broker, seed: settings.seed)
        try await RigWait.pause(.seconds(settings.settleSeconds), rig: rig.processes)
        guard let gateway = rig.gateway else { throw BenchError("no gateway") }

        let loadStart = Proc.loadAverage() ?? 0
        var sampler = try ResourceSampler(gateway: gateway.pid, others: rig.others)
        var nextSample = WallClock.monotonicNanoseconds() + 1_000_000_000
        var nextTick = WallClock.monotonicNanoseconds()
        let intervalNs = UInt64(scenario.intervalMs) * 1_000_000
        for index in 0..<count {
            try await probe.send(index)
            let resume = ContinuousClock.now + probe.gap()
            // Between commands: resource samples and value changes keep their own pace.
            while ContinuousClock.now < resume {
                let now = WallClock.monotonicNanoseconds()
                if now >= nextSample {
                    for process in rig.processes { try process.requireRunning() }
                    try sampler.sample()
                    nextSample += 1_000_000_000
                }
                if changer.perNode > 0, now >= nextTick {
                    try changer.tick()
                    nextTick = max(nextTick + intervalNs, now)
                }
                try await Task.sleep(for: .milliseconds(5))
            }
            if (index + 1) % 25 == 0 { progress("\(index + 1) of \(count) commands answered") }
        }
        let resources = ResourceFigures(try sampler.finish(), loadStart: loadStart)
        let stop = rig.stopGateway()
        progress(String(format: "gateway stopped: exit %d after %.2f s", stop?.exitCode ?? -1, stop?.seconds ?? 0))
        return CommandsResult(
            scenario: scenario, changingPercent: settings.changingPercent, samples: probe.samples, timedOut: probe.timedOut,
            resources: resources, gatewayErrorLines: rig.gatewayErrorLines()
        )
    }
}
