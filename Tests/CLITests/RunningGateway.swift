import Foundation
import GatewayTesting

/// `campus-gateway run` as a child process on a one-device site (a device nobody serves),
/// with a private broker and a subscriber on its topics, started once its birth arrived.
struct RunningGateway {
    static let prefix = "cli/v1"

    let broker: TestBroker
    let directory: TemporaryDirectory
    let subscriber: TestSubscriber
    let process: GatewayBinary.Running
    /// The status server, on a free port.
    let statusURL: String

    /// `statusOnBrokerPort` points the status server at the broker's port, which is taken.
    static func start(environment: [String: String] = [:], statusOnBrokerPort: Bool = false) async throws -> RunningGateway {
        let broker = try TestBroker()
        let directory = try TemporaryDirectory()
        let statusPort = statusOnBrokerPort ? broker.port : FreePort.next()
        let yaml = """
            site: { id: cli1, name: CLI, timezone: Asia/Shanghai }
            journal: { path: "\(directory.file("journal.db"))" }
            profiles: [ "\(GatewayBinary.repositoryRoot)/DeviceProfiles" ]
            devices:
              - { id: dead-sos, profile: sos-button, connection: "tcp://127.0.0.1:\(FreePort.next())", poll: 100ms, timeout: 100ms }
            uplinks:
              - { name: police, url: "mqtt://127.0.0.1:\(broker.port)", topic_prefix: \(prefix) }
            status:
              listen: 127.0.0.1:\(statusPort)
            """
        let site = directory.file("site.yaml")
        try yaml.write(toFile: site, atomically: true, encoding: .utf8)
        let subscriber = try TestSubscriber(broker: broker, filter: "\(prefix)/#")
        try await subscriber.waitForConnection()
        let process = try GatewayBinary.start(["run", "--config", site], environment: environment)
        let gateway = RunningGateway(
            broker: broker, directory: directory, subscriber: subscriber, process: process, statusURL: "http://127.0.0.1:\(statusPort)")
        _ = try await gateway.nextStatus(containing: "\"online\"", "birth")
        return gateway
    }

    func nextStatus(containing text: String, _ what: String) async throws -> ReceivedMessage {
        try await subscriber.next(what, matching: { $0.topic == "\(Self.prefix)/status" && $0.string.contains(text) })
    }

    func stop() {
        if process.isRunning { process.signal(SIGKILL) }
        _ = process.finish()
        subscriber.shutdown()
        broker.shutdown()
    }
}
