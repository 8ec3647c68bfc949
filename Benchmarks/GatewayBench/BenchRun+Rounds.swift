import Foundation
import BenchSupport
import GatewayCore
import GatewayTesting

extension BenchRun {
    static let emergencyPoint = "button"

    /// Scenario (c): each round presses `pressesPerRound` random columns' emergency buttons
    /// back to back, times each to the subscriber, releases them (the alarm stays latched,
    /// GB 50394), then has the platform send each a `reset` command and waits for the
    /// `cleared` events and the commands' results before a random pause.
    func pressRounds(
        site: BenchSite, probe: LatencyProbe, platform: PlatformClient, subscriber: TestSubscriber, gateway: Spawned, rig: [Spawned],
        others: [(String, pid_t)]
    ) async throws -> Window {
        var sampler = try WindowSampler(gateway: gateway, rig: rig, others: others)
        var report = RoundsReport(pressesPerRound: settings.pressesPerRound)
        var resultCursor = subscriber.messages.count
        for round in 1...settings.rounds {
            let devices = probe.randomDevices(settings.pressesPerRound)
            let firstSample = probe.samples.count
            let firstLost = probe.lost.count
            let pressStart = WallClock.monotonicNanoseconds()
            for device in devices { try probe.press(device, point: Self.emergencyPoint) }
            report.pressSpreadMs.append(Double(WallClock.monotonicNanoseconds() - pressStart) / 1e6)
            try await settle(probe, sampler: &sampler, until: nil)
            let delivered = probe.samples[firstSample...]
            report.delivered.append(delivered.count)
            report.slowestMs.append(delivered.map { Double($0.latencyNs) / 1e6 }.max() ?? .nan)
            settings.progress(String(
                format: "round %d: %d of %d delivered, slowest %.1f ms%@", round, delivered.count, devices.count,
                report.slowestMs.last ?? .nan, probe.lost.count > firstLost ? " (\(probe.lost.count - firstLost) LOST)" : ""))

            for device in devices { try probe.release(device, point: Self.emergencyPoint) }
            // A poll sees every release before the reset (a button still held would latch again).
            try await settle(probe, sampler: &sampler, until: WallClock.monotonicNanoseconds() + 300_000_000)
            var commands = Set<String>()
            for device in devices {
                commands.insert(try platform.reset(site.deviceIDs[device]))
                probe.expect(device, point: Self.emergencyPoint, state: "cleared")
            }
            let missingBefore = probe.missedAwaits
            let deadline = WallClock.monotonicNanoseconds() + 5_000_000_000
            while true {
                try await settle(probe, sampler: &sampler, until: WallClock.monotonicNanoseconds() + 20_000_000)
                let messages = subscriber.messages
                for message in messages[resultCursor...] where message.topic == BenchSite.topicPrefix + "/commands/result" {
                    guard let json = try? message.json(), let id = json["id"] as? String, commands.remove(id) != nil else { continue }
                    if json["status"] as? String == "done" { report.resetsDone += 1 } else { report.resetsFailed += 1 }
                }
                resultCursor = messages.count
                if (commands.isEmpty && probe.pendingCount == 0) || WallClock.monotonicNanoseconds() >= deadline { break }
            }
            report.resetsUnanswered += commands.count
            try await settle(probe, sampler: &sampler, until: nil)
            report.clearsMissing += probe.missedAwaits - missingBefore
            // The next round starts at another moment of the devices' poll cycles.
            let gapNs = probe.randomGapNs(minMs: 300, maxMs: 700)
            try await settle(probe, sampler: &sampler, until: WallClock.monotonicNanoseconds() + gapNs)
        }
        return Window(resources: try sampler.finish(), backlog: nil, rounds: report)
    }

    /// Matches arriving events (and samples resources) until `deadline`, or, when nil,
    /// until nothing is pending (flips lost after 2 s).
    private func settle(_ probe: LatencyProbe, sampler: inout WindowSampler, until deadline: UInt64?) async throws {
        let lossNs = UInt64(BenchSettings.lossTimeoutMs) * 1_000_000
        while true {
            try Interrupt.check()
            try sampler.tick()
            probe.collect(lossTimeoutNs: lossNs)
            let now = WallClock.monotonicNanoseconds()
            if let deadline, now >= deadline { return }
            if deadline == nil, probe.pendingCount == 0 { return }
            try await Task.sleep(for: .milliseconds(2))
        }
    }
}
