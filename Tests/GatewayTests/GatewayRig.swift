import Foundation
import Gateway
import GatewayCore
import GatewayTesting
import Logging
import ServiceLifecycle
import Simulator
import SiteConfig

/// A whole gateway on loopback for one test: a real mosquitto, the Modbus simulator serving
/// the site's devices, the gateway itself, and a subscriber that sees what a platform sees.
final class GatewayRig: Sendable {
    static let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path
    static let prefix = "campus/v1/t1"

    let directory: TemporaryDirectory
    let broker: TestBroker
    let site: Site
    let simulator: Simulator
    let subscriber: TestSubscriber
    let gateway: Gateway
    let group: ServiceGroup
    private let task: Task<Void, any Error>

    /// `devices`: (id, profile) pairs, each on its own free port, polled every `poll`.
    init(devices: [(id: String, profile: String)] = [("gate-sos", "sos-button")], poll: String = "100ms",
         startSimulator: Bool = true, startBroker: Bool = true, persistentSession: Bool = false,
         extraYAML: String = "", journaled: Bool = false) async throws {
        directory = try TemporaryDirectory()
        // A persistent broker and subscriber session: the broker keeps QoS 1 messages for the
        // subscriber across a broker restart, so what the gateway sends before the subscriber
        // is back is still seen.
        broker = try TestBroker(port: FreePort.next(), persistence: persistentSession, start: startBroker)
        var yaml = """
            site: { id: t1, name: 测试小学, timezone: Asia/Shanghai }
            profiles: [ "\(Self.repositoryRoot)/DeviceProfiles" ]
            devices:

            """
        for device in devices {
            yaml += "  - { id: \(device.id), profile: \(device.profile), connection: \"tcp://127.0.0.1:\(FreePort.next())\", "
                + "unit: 1, poll: \(poll), timeout: 200ms, location: 东门, cameras: [cam-1] }\n"
        }
        yaml += """
            uplinks:
              - { name: police, url: "mqtt://127.0.0.1:\(broker.port)", topic_prefix: \(Self.prefix), heartbeat: 1s }

            """ + extraYAML
        let path = directory.file("site.yaml")
        try yaml.write(toFile: path, atomically: true, encoding: .utf8)
        site = try SiteLoader.load(path: path)
        simulator = try Simulator(site: site)
        if startSimulator { try simulator.start() }
        subscriber = persistentSession
            ? try TestSubscriber(broker: broker, filter: "\(Self.prefix)/#", clientID: "rig-\(broker.port)", cleanSession: false)
            : try TestSubscriber(broker: broker, filter: "\(Self.prefix)/#")
        if startBroker { try await subscriber.waitForConnection() }
        var logger = Logger(label: "test")
        logger.logLevel = .warning
        gateway = Gateway(site: site, logger: logger, journalPath: journaled ? directory.file("journal.db") : nil)
        let group = gateway.serviceGroup(logger: logger, signals: [])
        self.group = group
        task = Task { try await group.run() }
    }

    func topic(_ suffix: String) -> String { "\(Self.prefix)/\(suffix)" }

    /// The next message on `suffix` whose JSON satisfies `predicate`.
    func next(_ suffix: String, timeout: Duration = .seconds(10), where predicate: @escaping @Sendable ([String: Any]) -> Bool = { _ in true }) async throws -> [String: Any] {
        let message = try await subscriber.next("a message on \(suffix)", timeout: timeout) { message in
            message.topic == self.topic(suffix) && ((try? message.json()).map(predicate) ?? false)
        }
        return try message.json()
    }

    /// Waits until the device has been read once (its retained state says online).
    func waitUntilOnline(_ device: String) async throws {
        _ = try await next("state/\(device)") { $0["online"] as? Bool == true }
    }

    func stop() async throws {
        await group.triggerGracefulShutdown()
        try await task.value
        simulator.stop()
        subscriber.shutdown()
        broker.shutdown()
    }
}
