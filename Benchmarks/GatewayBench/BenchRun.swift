import BenchSupport
import Foundation
import GatewayCore
import GatewayTesting

/// One benchmark run: broker, simulator, subscriber and gateway up; the gateway's devices
/// online; the measurement window; everything stopped again, also when a step fails.
struct BenchRun {
    let settings: BenchSettings

    func run() async throws -> BenchResult {
        let progress = settings.progress
        guard FileManager.default.isExecutableFile(atPath: settings.binary) else {
            throw BenchError("no executable at \(settings.binary): run `swift build -c release --product campus-gateway` first, or pass --binary")
        }
        // A gateway, simulator or broker left over from another run (a crashed benchmark
        // cannot stop its children) competes for the same cores: say so.
        let strays = Proc.processes { ["campus-gateway", "mosquitto"].contains($0.name) && $0.parent != getpid() }
        if !strays.isEmpty {
            progress("WARNING: \(strays.count) other campus-gateway or mosquitto processes are running (pids \(strays.map(String.init).joined(separator: " "))); they compete for the CPU")
        }
        let folder = try WorkFolder.make(prefix: "gateway-bench")
        defer {
            if settings.keep { progress("kept site file and logs in \(folder)") } else { try? FileManager.default.removeItem(atPath: folder) }
        }

        // --broker-nagle keeps mosquitto's default, to show what Nagle costs an alarm.
        let broker = try TestBroker(tcpNoDelay: !settings.brokerNagle)
        let site = BenchSite(devices: settings.devices, profiles: settings.profiles, brokerPort: broker.port)
        let sitePath = folder + "/site.yaml"
        try site.yaml.write(toFile: sitePath, atomically: true, encoding: .utf8)

        // One simulator process per `devicesPerSimulator` devices: one process cannot serve
        // many more than 250 TCP endpoints (libmodbus's select() and FD_SETSIZE; see
        // docs/benchmarks.md). The gateway sees the same N endpoints either way.
        var simulators: [Spawned] = []
        defer { for simulator in simulators { simulator.stop() } }
        var controls: [ControlClient] = []
        for (shard, range) in settings.simulatorShards.enumerated() {
            let shardPath = folder + "/simulator-\(shard + 1).yaml"
            try site.yaml(devices: range).write(toFile: shardPath, atomically: true, encoding: .utf8)
            let controlPort = FreePort.next()
            progress("starting simulator \(shard + 1) of \(settings.simulatorShards.count): devices \(range.lowerBound + 1)–\(range.upperBound), control port \(controlPort)")
            let simulator = try Spawned(
                name: "simulator-\(shard + 1)", binary: settings.binary,
                arguments: ["simulate", "--config", shardPath, "--control-port", String(controlPort)], folder: folder
            )
            simulators.append(simulator)
            controls.append(try await RigWait.control(port: controlPort, simulator: simulator))
        }

        let subscriber = try TestSubscriber(broker: broker, filter: BenchSite.topicPrefix + "/#")
        defer { subscriber.shutdown() }
        try await subscriber.waitForConnection()

        progress("starting the gateway: \(settings.binary)")
        let startNs = WallClock.monotonicNanoseconds()
        let gateway = try Spawned(name: "gateway", binary: settings.binary, arguments: ["run", "--config", sitePath], folder: folder)
        defer { gateway.stop() }
        try await RigWait.untilOnline(
            stateTopics: Dictionary(uniqueKeysWithValues: site.deviceIDs.map { (BenchSite.stateTopic($0), $0) }), subscriber: subscriber,
            rig: [gateway] + simulators, timeout: .seconds(30) + .milliseconds(50 * site.deviceIDs.count)
        )
        let startupSeconds = Double(WallClock.monotonicNanoseconds() - startNs) / 1e9
        progress(String(format: "all %d devices online after %.2f s; settling 2 s", settings.devices, startupSeconds))
        try await RigWait.pause(.seconds(2), rig: [gateway] + simulators)

        let probe = LatencyProbe(
            site: site, controls: controls, devicesPerControl: settings.devicesPerSimulator, subscriber: subscriber, seed: settings.seed
        )
        probe.skipReceived()
        let others = simulators.map { ("simulator", $0.pid) } + Proc.children(named: "mosquitto").map { ("broker", $0) } + [("bench", getpid())]
        progress("measuring for \(settings.seconds) s")
        let windowStartNs = WallClock.monotonicNanoseconds()
        let resources = try await measure(probe: probe, gateway: gateway, simulators: simulators, others: others)
        try await drain(probe)
        if let path = settings.samplesPath {
            try probe.samplesCSV(windowStartNs: windowStartNs).write(toFile: path, atomically: true, encoding: .utf8)
        }

        let stop = gateway.stop()
        progress(String(format: "gateway stopped: exit %d after %.2f s%@", stop.exitCode, stop.seconds, stop.killed ? " (killed)" : ""))
        let stats = LatencyStats(
            flips: probe.flips, latenciesNs: probe.samples.map(\.latencyNs), pipelineNs: probe.samples.compactMap(\.pipelineNs),
            roundTripsNs: probe.roundTripsNs, lost: probe.lost.count,
            late: probe.late, unmatched: probe.unmatched, offlineEvents: probe.offlineEvents, onlineEvents: probe.onlineEvents
        )
        return BenchResult(
            settings: settings, strayProcesses: strays.count, startupSeconds: startupSeconds, latency: stats, resources: resources,
            gatewayExitCode: stop.exitCode, gatewayStopSeconds: stop.seconds, gatewayKilled: stop.killed
        )
    }

    /// The window: flips at uniformly random gaps, a resource sample every second.
    private func measure(probe: LatencyProbe, gateway: Spawned, simulators: [Spawned], others: [(String, pid_t)]) async throws -> ResourceSummary {
        var sampler = try ResourceSampler(gateway: gateway.pid, others: others.map { (name: $0.0, pid: $0.1) })
        let start = WallClock.monotonicNanoseconds()
        let end = start + UInt64(settings.seconds) * 1_000_000_000
        var nextFlip = start + probe.randomGapNs(minMs: settings.minGapMs, maxMs: settings.maxGapMs)
        var nextSample = start + 1_000_000_000
        let lossNs = UInt64(BenchSettings.lossTimeoutMs) * 1_000_000
        while true {
            try Interrupt.check()
            var now = WallClock.monotonicNanoseconds()
            if now >= end { break }
            if now >= nextFlip {
                try probe.flip()
                nextFlip = now + probe.randomGapNs(minMs: settings.minGapMs, maxMs: settings.maxGapMs)
            }
            if now >= nextSample {
                for process in [gateway] + simulators { try process.requireRunning() }
                try sampler.sample()
                nextSample += 1_000_000_000
            }
            probe.collect(lossTimeoutNs: lossNs)
            now = WallClock.monotonicNanoseconds()
            let wake = min(nextFlip, nextSample, end, now + 20_000_000)
            if wake > now { try await Task.sleep(for: .nanoseconds(wake - now)) }
        }
        return try sampler.finish()
    }

    /// After the window: waits for the flips still in flight (lost after 2 s).
    private func drain(_ probe: LatencyProbe) async throws {
        let lossNs = UInt64(BenchSettings.lossTimeoutMs) * 1_000_000
        let deadline = WallClock.monotonicNanoseconds() + lossNs + 100_000_000
        repeat {
            try Interrupt.check()
            probe.collect(lossTimeoutNs: lossNs)
            try await Task.sleep(for: .milliseconds(20))
        } while probe.pendingCount > 0 && WallClock.monotonicNanoseconds() < deadline
        probe.collect(lossTimeoutNs: 0)
    }
}
