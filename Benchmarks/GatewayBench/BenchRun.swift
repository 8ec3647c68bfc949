import BenchSupport
import Foundation
import GatewayCore
import GatewayTesting
import Uplinks

/// One benchmark run: broker, simulator, subscriber and gateway up; the gateway's devices
/// online; the scenario's measurement window; everything stopped again, also when a step
/// fails.
struct BenchRun {
    let settings: BenchSettings

    /// What the window of each scenario adds to the common figures.
    struct Window {
        var resources: ResourceSummary
        var backlog: BacklogReport?
        var rounds: RoundsReport?
    }

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
            if settings.keep { progress("kept site file, logs and delivery trace in \(folder)") } else { try? FileManager.default.removeItem(atPath: folder) }
        }

        // --broker-nagle keeps mosquitto's default, to show what Nagle costs an alarm.
        let broker = try TestBroker(tcpNoDelay: !settings.brokerNagle)
        let profiles = settings.scenario == .b ? try Self.loadProfiles(from: settings.profiles, folder: folder) : settings.profiles
        let site = BenchSite(
            devices: settings.devices, profiles: profiles, brokerPort: broker.port, folder: folder, journalFolder: settings.journalFolder,
            scenario: settings.scenario)
        defer {
            if settings.journalFolder != nil { for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: site.journalPath + suffix) } }
        }
        let sitePath = folder + "/site.yaml"
        try site.yaml.write(toFile: sitePath, atomically: true, encoding: .utf8)

        // One simulator process per `devicesPerSimulator` devices: one process cannot serve
        // many more than 250 TCP endpoints (libmodbus's select() and FD_SETSIZE; see
        // docs/benchmarks.md). The gateway sees the same N endpoints either way.
        var simulators: [Spawned] = []
        defer { for simulator in simulators { simulator.stop() } }
        var controlPorts: [Int] = []
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
            controlPorts.append(controlPort)
        }

        let subscriber = try TestSubscriber(broker: broker, filter: BenchSite.topicPrefix + "/#")
        defer { subscriber.shutdown() }
        try await subscriber.waitForConnection()

        progress("starting the gateway: \(settings.binary)")
        let tracePath = folder + "/delivery-trace.csv"
        let startNs = WallClock.monotonicNanoseconds()
        let gateway = try Spawned(
            name: "gateway", binary: settings.binary, arguments: ["run", "--config", sitePath], folder: folder,
            environment: [DeliveryTrace.environmentVariable: tracePath]
        )
        defer { gateway.stop() }
        let rig = [gateway] + simulators
        try await RigWait.untilOnline(
            stateTopics: Dictionary(uniqueKeysWithValues: site.deviceIDs.map { (BenchSite.stateTopic($0), $0) }), subscriber: subscriber,
            rig: rig, timeout: .seconds(30) + .milliseconds(50 * site.deviceIDs.count)
        )
        let startupSeconds = Double(WallClock.monotonicNanoseconds() - startNs) / 1e9
        progress(String(format: "all %d devices online after %.2f s; settling 2 s", settings.devices, startupSeconds))
        try await RigWait.pause(.seconds(2), rig: rig)

        let probe = LatencyProbe(
            site: site, controls: controls, devicesPerControl: settings.devicesPerSimulator, subscriber: subscriber, seed: settings.seed
        )
        let others = simulators.map { ("simulator", $0.pid) } + Proc.children(named: "mosquitto").map { ("broker", $0) } + [("bench", getpid())]
        var load: TelemetryLoad?
        var backlogAtStart: [String: Int] = [:]
        var fillSeconds = 0.0
        if settings.scenario == .b {
            // The load has control connections of its own, so a flip never waits behind it.
            var loadControls: [ControlClient] = []
            for (port, simulator) in zip(controlPorts, simulators) { loadControls.append(try await RigWait.control(port: port, simulator: simulator)) }
            let telemetry = TelemetryLoad(deviceIDs: site.deviceIDs, controls: loadControls, devicesPerControl: settings.devicesPerSimulator)
            probe.ignoredPoints = Set(TelemetryLoad.points)
            (backlogAtStart, fillSeconds) = try await fillBacklog(
                telemetry, metrics: GatewayMetrics(port: site.statusPort), subscriber: subscriber, rig: rig)
            load = telemetry
        }
        probe.skipReceived()
        let windowStartNs = WallClock.monotonicNanoseconds()
        let window: Window
        if settings.scenario == .c {
            let platform = try PlatformClient(brokerPort: broker.port)
            defer { platform.shutdown() }
            progress("measuring \(settings.rounds) rounds of \(settings.pressesPerRound) emergency buttons pressed at once")
            window = try await pressRounds(
                site: site, probe: probe, platform: platform, subscriber: subscriber, gateway: gateway, rig: rig, others: others)
        } else {
            progress("measuring for \(settings.seconds) s")
            window = try await flipWindow(
                probe: probe, load: load, metrics: GatewayMetrics(port: site.statusPort), subscriber: subscriber, gateway: gateway, rig: rig,
                others: others)
        }
        try await drain(probe)
        if let path = settings.samplesPath {
            try probe.samplesCSV(windowStartNs: windowStartNs).write(toFile: path, atomically: true, encoding: .utf8)
        }
        var backlog = window.backlog
        backlog?.atStart = backlogAtStart
        backlog?.fillSeconds = fillSeconds

        let stop = gateway.stop()
        progress(String(format: "gateway stopped: exit %d after %.2f s%@", stop.exitCode, stop.seconds, stop.killed ? " (killed)" : ""))
        let trace = try? DeliveryTraceFile(path: tracePath, uplink: BenchSite.uplink)
        if trace == nil { progress("WARNING: no delivery trace at \(tracePath): the gateway's share and PUBACK times are missing") }
        return BenchResult(
            settings: settings, strayProcesses: strays.count, startupSeconds: startupSeconds, latency: LatencyStats(probe: probe, trace: trace),
            resources: window.resources, backlog: backlog, rounds: window.rounds,
            gatewayExitCode: stop.exitCode, gatewayStopSeconds: stop.seconds, gatewayKilled: stop.killed
        )
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

    /// Scenario (b)'s copy of the sos-button profile: its load changes each input about
    /// twice a second, which the default chattering rule (10 changes in 60 s) would hold
    /// after a few seconds, so the copy allows 1 000 changes a second.
    private static func loadProfiles(from source: String, folder: String) throws -> String {
        let target = folder + "/profiles"
        try FileManager.default.createDirectory(atPath: target, withIntermediateDirectories: true)
        let profile = try String(contentsOfFile: source + "/sos-button.yaml", encoding: .utf8)
        try (profile + "\nchattering: { changes: 1000, within: 1s }\n").write(toFile: target + "/sos-button.yaml", atomically: true, encoding: .utf8)
        return target
    }
}
