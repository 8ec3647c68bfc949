import BenchSupport
import Foundation

/// Command latency under load: publish → result at the subscriber.
struct CommandsResult: Codable, Sendable {
    static let targetP99Ms = 50.0
    static let neuronEXAverageMs = 523.0

    var scenario: Scenario
    var name: String
    var changingPercent: Double
    var commands: Int
    var done: Int
    var failedOrRefused: [String]
    var timedOut: [String]
    /// Nearest-rank percentiles, ms.
    var latency: LatencySummary?
    /// The gateway's `elapsed_ms` (accepted → Modbus write done), ms.
    var gatewayElapsed: LatencySummary?
    var resources: ResourceFigures
    var gatewayErrorLines: [String]
    var met: Bool

    init(scenario: Scenario, changingPercent: Double, samples: [CommandProbe.Sample], timedOut: [String], resources: ResourceFigures, gatewayErrorLines: [String]) {
        self.scenario = scenario
        name = scenario.name
        self.changingPercent = changingPercent
        commands = samples.count + timedOut.count
        done = samples.count { $0.status == "done" }
        failedOrRefused = samples.filter { $0.status != "done" }.map { "\($0.id) \($0.status)" }
        self.timedOut = timedOut
        latency = LatencySummary(samples.map(\.latencyMs))
        gatewayElapsed = LatencySummary(samples.map { Double($0.gatewayElapsedMs) })
        self.resources = resources
        self.gatewayErrorLines = gatewayErrorLines
        met = timedOut.isEmpty && failedOrRefused.isEmpty && (latency?.p99 ?? .infinity) <= Self.targetP99Ms
    }

    var table: String {
        let r = resources
        var lines = [
            "| commands under \(name) (\(scenario.points) points, \(changingPercent > 0 ? String(format: "%.1f %% changing per poll", changingPercent) : "static")) | |",
            "|---|---|",
            "| commands sent / done / failed or refused / no result in 10 s | \(commands) / \(done) / \(failedOrRefused.count) / \(timedOut.count) |",
        ]
        if let l = latency {
            lines.append(String(format: "| publish → result at the subscriber: p50 / p90 / p99 / max | %.1f / %.1f / **%.1f** / %.1f ms |", l.p50, l.p90, l.p99, l.max))
            lines.append(String(format: "| target p99 | ≤ %.0f ms: %@ (NeuronEX 3.2.1: %.0f ms average) |", Self.targetP99Ms, met ? "met" : "**missed**", Self.neuronEXAverageMs))
        }
        if let g = gatewayElapsed {
            lines.append(String(format: "| the gateway's elapsed_ms (accepted → written): p50 / p99 / max | %.0f / %.0f / %.0f ms |", g.p50, g.p99, g.max))
        }
        lines += [
            String(format: "| gateway CPU meanwhile, RSS median / max | %.2f %% of one core, %.1f / %.1f MiB |", r.gatewayCPUPercent, r.rssMedianMiB, r.rssMaxMiB),
            String(format: "| rest of machine, load average | %.0f %% of one core%@, %.1f→%.1f |", r.restOfMachinePercent, r.disturbed ? " (disturbed)" : "", r.loadAverageStart, r.loadAverageEnd),
        ]
        lines += gatewayErrorLines.prefix(10).map { "gateway log: \($0)" }
        return lines.joined(separator: "\n")
    }
}
