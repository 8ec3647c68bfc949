import GatewayCore

#if canImport(Glibc)
import Glibc
#endif

/// Samples the gateway's memory once per second over the measurement window and measures
/// the CPU time that it, the other processes of the rig and the whole machine used in it.
public struct ResourceSampler {
    public struct Watched {
        var name: String
        var pid: pid_t
        var startTicks: UInt64
    }

    private let gateway: pid_t
    private var watched: [Watched]
    private let startNs: UInt64
    private let machineStart: (busy: UInt64, total: UInt64)
    private var lastTicks: UInt64
    private var lastNs: UInt64
    private var rssSamplesKB: [Int] = []
    private var anonSamplesKB: [Int] = []
    private var fileSamplesKB: [Int] = []
    private var secondPercents: [Double] = []
    private var threads = 0

    /// Starts the window now. `others` are processes whose CPU is shown for context.
    public init(gateway: pid_t, others: [(name: String, pid: pid_t)]) throws(BenchError) {
        guard let ticks = Proc.cpuTicks(gateway), let machine = Proc.machineTicks() else {
            throw BenchError("cannot read /proc/\(gateway)/stat or /proc/stat")
        }
        self.gateway = gateway
        watched = others.compactMap { other in Proc.cpuTicks(other.pid).map { Watched(name: other.name, pid: other.pid, startTicks: $0) } }
        startNs = WallClock.monotonicNanoseconds()
        machineStart = machine
        lastTicks = ticks
        lastNs = startNs
        watched.insert(Watched(name: "gateway", pid: gateway, startTicks: ticks), at: 0)
    }

    /// One sample: memory now, CPU since the previous sample.
    public mutating func sample() throws(BenchError) {
        guard let memory = Proc.memory(gateway), let ticks = Proc.cpuTicks(gateway) else {
            throw BenchError("the gateway (pid \(gateway)) is gone")
        }
        let now = WallClock.monotonicNanoseconds()
        rssSamplesKB.append(memory.rssKB)
        anonSamplesKB.append(memory.anonKB)
        fileSamplesKB.append(memory.fileKB)
        threads = memory.threads
        secondPercents.append(Self.percent(ticks: ticks - lastTicks, ns: now - lastNs))
        lastTicks = ticks
        lastNs = now
    }

    /// Ends the window now.
    public mutating func finish() throws(BenchError) -> ResourceSummary {
        try sample()
        let elapsedNs = WallClock.monotonicNanoseconds() - startNs
        let memory = Proc.memory(gateway)
        // Processes of one name (several simulators) are added up.
        var cpu: [(name: String, percent: Double)] = []
        for process in watched {
            guard let ticks = Proc.cpuTicks(process.pid) else { continue }
            let percent = Self.percent(ticks: ticks - process.startTicks, ns: elapsedNs)
            if let index = cpu.firstIndex(where: { $0.name == process.name }) { cpu[index].percent += percent } else { cpu.append((process.name, percent)) }
        }
        let machine = Proc.machineTicks() ?? machineStart
        let machineBusyTicks = machine.busy - machineStart.busy
        let machineBusy = Double(machineBusyTicks) / Double(max(1, machine.total - machineStart.total))
        // Busy time not spent in the rig's processes: other work on the machine, and kernel
        // time charged to no process (softirq, also the rig's loopback traffic).
        var rigTicks: UInt64 = 0
        for process in watched { rigTicks += (Proc.cpuTicks(process.pid) ?? process.startTicks) - process.startTicks }
        let restTicks = machineBusyTicks > rigTicks ? machineBusyTicks - rigTicks : 0
        let sorted = rssSamplesKB.sorted()
        return ResourceSummary(
            windowSeconds: Double(elapsedNs) / 1e9,
            gatewayCPUPercent: cpu.first?.percent ?? 0,
            gatewayCPUPercentMaxSecond: secondPercents.max() ?? 0,
            rssMedianKB: sorted[sorted.count / 2],
            rssMaxKB: sorted.last ?? 0,
            anonMedianKB: anonSamplesKB.sorted()[anonSamplesKB.count / 2],
            fileMedianKB: fileSamplesKB.sorted()[fileSamplesKB.count / 2],
            hwmKB: memory?.hwmKB ?? 0,
            gatewayThreads: threads,
            otherCPUPercent: Array(cpu.dropFirst()),
            machineBusyPercent: machineBusy * 100,
            restOfMachinePercent: Self.percent(ticks: restTicks, ns: elapsedNs),
            cores: Int(sysconf(Int32(_SC_NPROCESSORS_ONLN)))
        )
    }

    /// CPU ticks over a wall-clock span, as % of one core.
    private static func percent(ticks: UInt64, ns: UInt64) -> Double {
        guard ns > 0 else { return 0 }
        return Double(ticks) / Double(Proc.ticksPerSecond) / (Double(ns) / 1e9) * 100
    }
}

/// The gateway's resources over the measurement window.
public struct ResourceSummary {
    public var windowSeconds: Double
    /// Average over the window, % of one core.
    public var gatewayCPUPercent: Double
    /// The busiest one-second sample (10 ms tick resolution: ±1 % per second).
    public var gatewayCPUPercentMaxSecond: Double
    public var rssMedianKB: Int
    public var rssMaxKB: Int
    /// Medians of RssAnon and RssFile over the window.
    public var anonMedianKB: Int
    public var fileMedianKB: Int
    /// VmHWM: peak resident set over the gateway's whole life, start-up included.
    public var hwmKB: Int
    public var gatewayThreads: Int
    /// The simulator, the broker and the benchmark itself, % of one core.
    public var otherCPUPercent: [(name: String, percent: Double)]
    /// All CPUs together: busy share of the window, 0–100 %.
    public var machineBusyPercent: Double
    /// Busy CPU outside the rig's processes, % of one core: other processes on the machine
    /// and kernel time charged to none (softirq).
    public var restOfMachinePercent: Double
    public var cores: Int
}
