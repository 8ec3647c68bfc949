import Foundation
import Gateway
import GatewayCore
import GatewayTesting
import Logging
import ServiceLifecycle
import Simulator
import SiteConfig
import StatusPage

/// `GatewayDaemon` as `run` starts it — gateway, status server, systemd notifications — on
/// loopback: a real mosquitto, the simulator serving the devices, the status server on a
/// port the kernel picks.
final class DaemonRig: Sendable {
    static let password = "s3cret-Pa55w0rd"

    let directory: TemporaryDirectory
    let broker: TestBroker
    let site: Site
    let simulator: Simulator
    let subscriber: TestSubscriber
    let daemon: GatewayDaemon
    let sosPort: Int
    let perimeterPort: Int
    let statusPort: Int
    let group: ServiceGroup
    /// The site has a journal (in `directory`): the reload tests use it as a platform would.
    let journal: Bool
    private let port = PortBox()
    private let task: Task<Void, any Error>

    init(
        notifier: SystemdNotifier = SystemdNotifier(environment: [:]), healthChecks: [HealthCheck] = [], journal: Bool = false,
        routes: [String] = [], extraUplinks: [String] = []
    ) async throws {
        directory = try TemporaryDirectory()
        broker = try TestBroker()
        self.journal = journal
        (sosPort, perimeterPort, statusPort) = (FreePort.next(), FreePort.next(), FreePort.next())
        try Self.yaml(
            ports: (sosPort, perimeterPort, statusPort), broker: broker.port, extraUplinks: extraUplinks, routes: routes,
            journal: journal ? directory.file("journal.db") : nil)
            .write(toFile: directory.file("site.yaml"), atomically: true, encoding: .utf8)
        let site = try SiteLoader.load(path: directory.file("site.yaml"))
        self.site = site
        subscriber = try TestSubscriber(broker: broker, filter: "#")
        try await subscriber.waitForConnection()
        simulator = try Simulator(site: site)
        try simulator.start()
        var logger = Logger(label: "test")
        logger.logLevel = .warning
        let port = port
        daemon = GatewayDaemon(site: site, logger: logger, notifier: notifier, healthChecks: healthChecks, signals: []) { bound in port.set(bound) }
        let group = ServiceGroup(services: [daemon], logger: logger)
        self.group = group
        task = Task { try await group.run() }
        try await eventually("the status server to listen") { port.get() != 0 }
    }

    /// The rig's site file: two devices on the simulator, the police uplink, the status
    /// server on a free port; `extraDevices` and `extraUplinks` are appended as written, and
    /// `perimeterLocation` lets a test change one device; `routes` are written as given;
    /// `police: false` leaves the police uplink out; `{broker}` in an extra uplink stands for
    /// the test broker's port.
    func siteYAML(
        extraDevices: [String] = [], extraUplinks: [String] = [], perimeterLocation: String = "北墙", routes: [String] = [],
        police: Bool = true
    ) -> String {
        Self.yaml(ports: (sosPort, perimeterPort, statusPort), broker: broker.port, extraDevices: extraDevices,
                  extraUplinks: extraUplinks, perimeterLocation: perimeterLocation, routes: routes,
                  journal: journal ? directory.file("journal.db") : nil, police: police)
    }

    static func yaml(
        ports: (sos: Int, perimeter: Int, status: Int), broker: Int, extraDevices: [String] = [], extraUplinks: [String] = [],
        perimeterLocation: String = "北墙", routes: [String] = [], journal: String? = nil, police: Bool = true
    ) -> String {
        let (sosPort, perimeterPort, statusPort) = ports
        return """
        site: { id: t1, name: 东风小学, timezone: Asia/Shanghai }
        profiles: [ "\(GatewayRig.repositoryRoot)/DeviceProfiles" ]
        devices:
          - { id: gate-east-sos, profile: sos-button, connection: "tcp://127.0.0.1:\(sosPort)", poll: 50ms, timeout: 200ms, location: 东门 }
          - { id: perimeter-north, profile: perimeter-8zone, connection: "tcp://127.0.0.1:\(perimeterPort)", poll: 50ms, timeout: 200ms, location: \(perimeterLocation) }
        \(extraDevices.map { "  - " + $0 }.joined(separator: "\n"))
        uplinks:
        \(police ? #"  - { name: police, url: "mqtt://127.0.0.1:\#(broker)", topic_prefix: campus/v1/t1, username: gateway, password: "\#(Self.password)" }"# : "")
        \(extraUplinks.map { "  - " + $0.replacingOccurrences(of: "{broker}", with: "\(broker)") }.joined(separator: "\n"))
        \(routes.isEmpty ? "" : "routes:\n" + routes.map { "  - " + $0 }.joined(separator: "\n"))
        \(journal.map { "journal: { path: \"\($0)\" }" } ?? "")
        status:
          listen: 127.0.0.1:\(statusPort)

        """
    }

    func rewriteSite(_ yaml: String) throws {
        try yaml.write(toFile: directory.file("site.yaml"), atomically: true, encoding: .utf8)
    }

    var client: StatusClient { StatusClient(baseURL: "http://127.0.0.1:\(port.get())") }
    var baseURL: String { "http://127.0.0.1:\(port.get())" }

    /// Polls `/api/status` until `condition` holds for it.
    @discardableResult
    func status(_ what: String, where condition: @escaping @Sendable (GatewayStatus) -> Bool) async throws -> GatewayStatus {
        let deadline = ContinuousClock.now + .seconds(10)
        while true {
            if let status = try? await client.status(), condition(status) { return status }
            guard ContinuousClock.now < deadline else { throw RigTimeout(what: what) }
            try await Task.sleep(for: .milliseconds(20))
        }
    }

    func stop() async throws {
        await group.triggerGracefulShutdown()
        try await task.value
        simulator.stop()
        subscriber.shutdown()
        broker.shutdown()
    }
}

private final class PortBox: Sendable {
    private let lock = ConditionLock()
    private nonisolated(unsafe) var port = 0
    func set(_ value: Int) { lock.withLock { port = value } }
    func get() -> Int { lock.withLock { port } }
}

struct RigTimeout: Error, CustomStringConvertible {
    let what: String
    var description: String { "timed out waiting for \(what)" }
}
