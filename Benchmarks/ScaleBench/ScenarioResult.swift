import Foundation

/// One scenario's figures, with the published NeuronEX figure and our target where there is one.
struct ScenarioResult: Codable, Sendable {
    /// A limit for one load on this 2-core machine, and NeuronEX 3.2.1's published figure.
    struct Target: Codable, Sendable {
        var cpuPercent: Double
        var rssMB: Double
        var neuronEXCPU: String
        var neuronEXRSSMB: Double
    }

    var scenario: Scenario
    var name: String
    var changingPercent: Double
    var startupSeconds: Double
    var resources: ResourceFigures
    var expectedRequestsPerSecond: Double
    var pointsPerSecond: Double
    var stateMessagesPerSecond: Double
    var stateMBPerSecond: Double
    var valueSetsPerSecond: Double
    var gatewayExitCode: Int32
    var gatewayErrorLines: [String]
    var target: Target?
    /// nil without a target; otherwise CPU and RSS (the window's largest sample) within it.
    var cpuMet: Bool?
    var rssMet: Bool?

    init(
        scenario: Scenario, changingPercent: Double, startupSeconds: Double, resources: ResourceFigures, stateMessagesPerSecond: Double,
        stateMBPerSecond: Double, valueSetsPerSecond: Double, gatewayExitCode: Int32, gatewayErrorLines: [String]
    ) {
        self.scenario = scenario
        name = scenario.name
        self.changingPercent = changingPercent
        self.startupSeconds = startupSeconds
        self.resources = resources
        expectedRequestsPerSecond = scenario.requestsPerSecond
        pointsPerSecond = scenario.pointsPerSecond
        self.stateMessagesPerSecond = stateMessagesPerSecond
        self.stateMBPerSecond = stateMBPerSecond
        self.valueSetsPerSecond = valueSetsPerSecond
        self.gatewayExitCode = gatewayExitCode
        self.gatewayErrorLines = gatewayErrorLines
        target = Self.target(for: scenario)
        if let target {
            cpuMet = resources.gatewayCPUPercent <= target.cpuPercent
            rssMet = resources.rssMaxMiB * 1.048576 <= target.rssMB
        }
    }

    static func target(for scenario: Scenario) -> Target? {
        switch scenario.name {
        case Scenario.tenThousandFast.name: Target(cpuPercent: 10, rssMB: 30, neuronEXCPU: "21 % (4-core Xeon)", neuronEXRSSMB: 189)
        case Scenario.hundredThousand.name: Target(cpuPercent: 15, rssMB: 60, neuronEXCPU: "30 % (4-core Xeon)", neuronEXRSSMB: 497)
        default: nil
        }
    }

    static let tableHeader = """
        | scenario | points | changing | req/s | gateway CPU (% of one core) | busiest s | RSS median / max (MiB) | VmHWM | anon / file | threads | state msg/s (MB/s) | start | rest of machine, load | target (CPU, RSS) | NeuronEX |
        |---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|
        """

    var tableRow: String {
        let r = resources
        var verdict = "–"
        if let target, let cpuMet, let rssMet {
            verdict = String(format: "≤ %.0f %% %@, ≤ %.0f MB %@", target.cpuPercent, cpuMet ? "met" : "**missed**", target.rssMB, rssMet ? "met" : "**missed**")
        }
        let neuron = target.map { String(format: "%@, %.0f MB", $0.neuronEXCPU, $0.neuronEXRSSMB) } ?? "–"
        return String(
            format: "| %@ | %d | %@ | %.0f | **%.2f %%** | %.0f %% | **%.1f** / %.1f | %.1f | %.1f / %.1f | %d | %.1f (%.2f) | %.1f s | %.0f %%%@, %.1f→%.1f | %@ | %@ |",
            name, scenario.points, changingPercent > 0 ? String(format: "%.1f %%/poll", changingPercent) : "static", expectedRequestsPerSecond,
            r.gatewayCPUPercent, r.gatewayCPUPercentMaxSample, r.rssMedianMiB, r.rssMaxMiB, r.hwmMiB, r.anonMedianMiB, r.fileMedianMiB,
            r.gatewayThreads, stateMessagesPerSecond, stateMBPerSecond, startupSeconds, r.restOfMachinePercent, r.disturbed ? " (disturbed)" : "",
            r.loadAverageStart, r.loadAverageEnd, verdict, neuron
        )
    }

    /// Context lines under the table: the other processes' CPU and any error lines.
    var notes: [String] {
        let r = resources
        var lines = [String(
            format: "%@: simulator %.1f %%, broker %.1f %%, bench %.1f %% of one core; %.0f value changes/s; window %.0f s; gateway exit %d",
            name, r.simulatorCPUPercent, r.brokerCPUPercent, r.benchCPUPercent, valueSetsPerSecond, r.windowSeconds, gatewayExitCode
        )]
        lines += gatewayErrorLines.prefix(10).map { "\(name): gateway log: \($0)" }
        return lines
    }
}
