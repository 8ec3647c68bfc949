import Foundation
import GatewayTesting
import Testing

@Suite struct TestAlarmCommandTests {
    @Test func reportsPerUplinkWhetherTheBrokerAcknowledged() async throws {
        let broker = try TestBroker()
        let dead = FreePort.next()
        let directory = try TemporaryDirectory()
        let subscriber = try TestSubscriber(broker: broker, filter: "cli/v1/events/+")
        try await subscriber.waitForConnection()
        let site = directory.file("site.yaml")
        try """
            site: { id: cli2, name: CLI, timezone: Asia/Shanghai }
            profiles: [ "\(GatewayBinary.repositoryRoot)/DeviceProfiles" ]
            devices:
              - { id: sos, profile: sos-button, connection: "tcp://127.0.0.1:1502" }
            uplinks:
              - { name: police, url: "mqtt://127.0.0.1:\(broker.port)", topic_prefix: cli/v1 }
              - { name: fire, url: "mqtt://127.0.0.1:\(dead)", topic_prefix: cli/v1 }
            """.write(toFile: site, atomically: true, encoding: .utf8)
        let result = try await GatewayBinary.runPolling(["test-alarm", "--config", site, "--timeout", "1"])
        #expect(result.status == 1)
        let lines = result.stdout.split(separator: "\n")
        #expect(lines.count == 2)
        #expect(lines.first?.hasPrefix("police  acknowledged in ") == true, "\(result.stdout)")
        #expect(lines.last?.hasPrefix("fire    NOT acknowledged: cannot connect within 1") == true, "\(result.stdout)")
        let alarm = try await subscriber.next("the test alarm") { $0.topic == "cli/v1/events/gateway" }
        #expect(try alarm.json()["cid"] as? String == "601")

        let json = try await GatewayBinary.runPolling(["test-alarm", "--config", site, "--uplink", "police", "--json"])
        #expect(json.status == 0)
        let report = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [[String: Any]]
        #expect(report?.first?["acknowledged"] as? Bool == true)
        #expect((report?.first?["elapsed_ms"] as? Double ?? -1) >= 0)
    }
}
