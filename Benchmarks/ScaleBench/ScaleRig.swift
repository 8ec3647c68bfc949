import BenchSupport
import Foundation
import GatewayCore
import GatewayTesting

/// One run's processes: a private mosquitto, one `campus-gateway simulate` process serving
/// every node (and SOS column) with its control port, and the release gateway itself, each a
/// separate process. `stop()` ends them all and is safe to call more than once.
final class ScaleRig {
    let site: ScaleSite
    let broker: TestBroker
    let binary: String
    private let progress: @Sendable (String) -> Void
    private(set) var simulator: Spawned?
    private(set) var control: ControlClient?
    private(set) var gateway: Spawned?

    /// Writes the files and starts the broker. `persistence`: the broker keeps sessions
    /// across restarts (the soak's subscriber must not miss what arrives while it is away).
    init(
        scenario: Scenario, sosColumns: Int = 0, persistence: Bool = false, binary: String, folder: String,
        progress: @escaping @Sendable (String) -> Void
    ) throws {
        guard FileManager.default.isExecutableFile(atPath: binary) else {
            throw BenchError("no executable at \(binary): run `swift build -c release --product campus-gateway` first, or pass --binary")
        }
        broker = try TestBroker(persistence: persistence)
        site = ScaleSite(scenario: scenario, sosColumns: sosColumns, folder: folder, brokerPort: broker.port)
        try site.write()
        self.binary = binary
        self.progress = progress
    }

    /// Starts the simulator and waits for its control port.
    func startSimulator() async throws -> ControlClient {
        let port = FreePort.next()
        progress("starting the simulator: \(site.deviceIDs.count) devices, control port \(port)")
        let simulator = try Spawned(
            name: "simulator", binary: binary, arguments: ["simulate", "--config", site.sitePath, "--control-port", String(port)], folder: site.folder
        )
        self.simulator = simulator
        let control = try await RigWait.control(port: port, simulator: simulator, timeout: .seconds(120))
        self.control = control
        return control
    }

    /// Starts the gateway and waits until every device's retained state says online;
    /// returns the seconds from spawn to that.
    func startGateway() async throws -> Double {
        let watcher = try TestSubscriber(broker: broker, filter: ScaleSite.topicPrefix + "/state/+")
        defer { watcher.shutdown() }
        try await watcher.waitForConnection()
        progress("starting the gateway: \(binary)")
        let start = WallClock.monotonicNanoseconds()
        let gateway = try Spawned(name: "gateway", binary: binary, arguments: ["run", "--config", site.sitePath], folder: site.folder)
        self.gateway = gateway
        try await RigWait.untilOnline(
            stateTopics: Dictionary(uniqueKeysWithValues: site.deviceIDs.map { (ScaleSite.stateTopic($0), $0) }),
            subscriber: watcher, rig: processes, timeout: .seconds(120)
        )
        return Double(WallClock.monotonicNanoseconds() - start) / 1e9
    }

    var processes: [Spawned] { [gateway, simulator].compactMap { $0 } }

    /// Processes whose CPU is shown beside the gateway's.
    var others: [(name: String, pid: pid_t)] {
        (simulator.map { [("simulator", $0.pid)] } ?? []) + Proc.children(named: "mosquitto").map { ("broker", $0) } + [("bench", getpid())]
    }

    /// Stops the gateway (SIGTERM, then SIGKILL after 15 s); how it went.
    @discardableResult
    func stopGateway() -> (exitCode: Int32, seconds: Double, killed: Bool)? {
        gateway?.stop()
    }

    /// Lines of the gateway's log at level error or critical, in order.
    func gatewayErrorLines() -> [String] {
        guard let gateway else { return [] }
        let text = [gateway.stderrPath, gateway.stdoutPath].compactMap { try? String(contentsOfFile: $0, encoding: .utf8) }.joined(separator: "\n")
        // `2026-11-24T13:37:42.099Z LEVEL message key=value …`
        return text.split(separator: "\n").filter { line in
            let level = line.split(separator: " ", maxSplits: 2).dropFirst().first
            return level == "ERROR" || level == "CRITICAL"
        }.map(String.init)
    }

    func stop() {
        gateway?.stop()
        simulator?.stop()
        broker.shutdown()
    }

    /// Sets up a work folder and a rig with every device online, runs `body` with the rig,
    /// the simulator's control port and the start-up time, then stops everything, also
    /// when a step fails.
    static func session<T>(
        _ scenario: Scenario, sosColumns: Int = 0, persistence: Bool = false, settings: RunSettings,
        body: (ScaleRig, ControlClient, Double) async throws -> T
    ) async throws -> T {
        let progress = settings.progress
        let folder = try WorkFolder.make(prefix: "scale-bench")
        defer {
            if settings.keep { progress("kept the generated profile, site file and logs in \(folder)") } else { try? FileManager.default.removeItem(atPath: folder) }
        }
        let rig = try ScaleRig(
            scenario: scenario, sosColumns: sosColumns, persistence: persistence, binary: settings.binary, folder: folder, progress: progress
        )
        defer { rig.stop() }
        let control = try await rig.startSimulator()
        let startup = try await rig.startGateway()
        progress(String(format: "all %d devices online after %.2f s", rig.site.deviceIDs.count, startup))
        return try await body(rig, control, startup)
    }
}
