import BenchSupport

/// The gateway's CPU and memory over a window, and what else ran, in a form for JSON.
struct ResourceFigures: Codable, Sendable {
    var windowSeconds: Double
    /// % of one core, average over the window, and the busiest sample.
    var gatewayCPUPercent: Double
    var gatewayCPUPercentMaxSample: Double
    /// MiB: median and largest VmRSS sample in the window; VmHWM over the process's life.
    var rssMedianMiB: Double
    var rssMaxMiB: Double
    var hwmMiB: Double
    var anonMedianMiB: Double
    var fileMedianMiB: Double
    var gatewayThreads: Int
    var simulatorCPUPercent: Double
    var brokerCPUPercent: Double
    var benchCPUPercent: Double
    /// Busy CPU outside the rig, % of one core: other people's work on the machine.
    var restOfMachinePercent: Double
    var loadAverageStart: Double
    var loadAverageEnd: Double
    var cores: Int

    init(_ summary: ResourceSummary, loadStart: Double) {
        func mib(_ kB: Int) -> Double { Double(kB) / 1024 }
        func other(_ name: String) -> Double { summary.otherCPUPercent.first { $0.name == name }?.percent ?? 0 }
        windowSeconds = summary.windowSeconds
        gatewayCPUPercent = summary.gatewayCPUPercent
        gatewayCPUPercentMaxSample = summary.gatewayCPUPercentMaxSecond
        rssMedianMiB = mib(summary.rssMedianKB)
        rssMaxMiB = mib(summary.rssMaxKB)
        hwmMiB = mib(summary.hwmKB)
        anonMedianMiB = mib(summary.anonMedianKB)
        fileMedianMiB = mib(summary.fileMedianKB)
        gatewayThreads = summary.gatewayThreads
        simulatorCPUPercent = other("simulator")
        brokerCPUPercent = other("broker")
        benchCPUPercent = other("bench")
        restOfMachinePercent = summary.restOfMachinePercent
        loadAverageStart = loadStart
        loadAverageEnd = Proc.loadAverage() ?? 0
        cores = summary.cores
    }

    /// More than 10 % of one core busy outside the rig: the figures are provisional.
    var disturbed: Bool { restOfMachinePercent > 10 }
}
