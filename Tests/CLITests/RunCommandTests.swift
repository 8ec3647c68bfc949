import Foundation
import GatewayTesting
import Testing

/// `campus-gateway run` as systemd runs it: a child process, stopped by signals.
@Suite(.timeLimit(.minutes(1)))
struct RunCommandTests {
    /// A site with one device nobody serves, so the gateway must report it and keep going.
    func writeSite(in directory: TemporaryDirectory, broker: TestBroker) throws -> String {
        let yaml = """
            site: { id: cli1, name: CLI, timezone: Asia/Shanghai }
            profiles: [ "\(GatewayBinary.repositoryRoot)/DeviceProfiles" ]
            devices:
              - { id: dead-sos, profile: sos-button, connection: "tcp://127.0.0.1:\(FreePort.next())", poll: 100ms, timeout: 100ms }
            uplinks:
              - { name: police, url: "mqtt://127.0.0.1:\(broker.port)", topic_prefix: cli/v1 }
            """
        let path = directory.file("site.yaml")
        try yaml.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test func sigtermStopsCleanlyAndPublishesOffline() async throws {
        let broker = try TestBroker()
        defer { broker.shutdown() }
        let directory = try TemporaryDirectory()
        let subscriber = try TestSubscriber(broker: broker, filter: "cli/v1/#")
        defer { subscriber.shutdown() }
        try await subscriber.waitForConnection()
        let gateway = try GatewayBinary.start(["run", "--config", try writeSite(in: directory, broker: broker)])

        _ = try await subscriber.next("birth", matching: { $0.topic == "cli/v1/status" && $0.string.contains("\"online\"") })
        // A device that never answers is reported, and the daemon keeps running.
        let offline = try await subscriber.next("device.offline", matching: { $0.topic == "cli/v1/events/dead-sos" })
        #expect(try offline.json()["kind"] as? String == "device.offline")
        #expect(gateway.isRunning)

        gateway.signal(SIGTERM)
        #expect(gateway.waitForExit(timeout: .seconds(10)))
        let result = gateway.finish()
        #expect(result.status == 0, "stderr: \(result.stderr)")
        let goodbye = try await subscriber.next("offline status", matching: { $0.topic == "cli/v1/status" && $0.string.contains("\"offline\"") })
        #expect(try goodbye.json()["reason"] as? String == "shutdown")
    }

    @Test func killedProcessLeavesTheLastWill() async throws {
        let broker = try TestBroker()
        defer { broker.shutdown() }
        let directory = try TemporaryDirectory()
        let subscriber = try TestSubscriber(broker: broker, filter: "cli/v1/#")
        defer { subscriber.shutdown() }
        try await subscriber.waitForConnection()
        let gateway = try GatewayBinary.start(["run", "--config", try writeSite(in: directory, broker: broker)])
        _ = try await subscriber.next("birth", matching: { $0.topic == "cli/v1/status" && $0.string.contains("\"online\"") })

        gateway.signal(SIGKILL)
        _ = gateway.finish()
        let will = try await subscriber.next("last will", matching: { $0.topic == "cli/v1/status" && $0.string.contains("\"offline\"") })
        let json = try will.json()
        #expect(json["state"] as? String == "offline")
        #expect(json["reason"] == nil, "a will is not a clean shutdown")
    }
}
