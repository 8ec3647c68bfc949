import Foundation
import GatewayCore
import GatewayTesting
import Testing
import Uplinks

/// `CAMPUS_GATEWAY_DELIVERY_TRACE` on the real binary: a press on the simulator ends as one
/// trace line whose monotonic times line up with the press and the subscriber.
@Suite(.timeLimit(.minutes(1)))
struct DeliveryTraceTests {
    @Test func aPressIsTracedFromItsPollToThePUBACK() async throws {
        let broker = try TestBroker()
        defer { broker.shutdown() }
        let directory = try TemporaryDirectory()
        let prefix = "trace/v1"
        let site = directory.file("site.yaml")
        try """
            site: { id: trace1, name: Trace, timezone: Asia/Shanghai }
            journal: { path: "\(directory.file("journal.db"))" }
            profiles: [ "\(GatewayBinary.repositoryRoot)/DeviceProfiles" ]
            devices:
              - { id: gate-sos, profile: sos-button, connection: "tcp://127.0.0.1:\(FreePort.next())", poll: 100ms }
            uplinks:
              - { name: police, url: "mqtt://127.0.0.1:\(broker.port)", topic_prefix: \(prefix) }
            status: { listen: off }
            """.write(toFile: site, atomically: true, encoding: .utf8)
        let controlPort = FreePort.next()
        let simulator = try GatewayBinary.start(["simulate", "--config", site, "--control-port", "\(controlPort)"])
        defer {
            simulator.signal(SIGTERM)
            _ = simulator.finish()
        }
        let control = try ControlPortClient.connect(port: controlPort)
        let subscriber = try TestSubscriber(broker: broker, filter: "\(prefix)/#")
        defer { subscriber.shutdown() }
        try await subscriber.waitForConnection()
        let trace = directory.file("trace.csv")
        let gateway = try GatewayBinary.start(["run", "--config", site], environment: [DeliveryTrace.environmentVariable: trace])
        _ = try await subscriber.next(
            "gate-sos online", matching: { $0.topic == "\(prefix)/state/gate-sos" && $0.string.contains("\"online\":true") })

        let pressedNs = WallClock.monotonicNanoseconds()
        #expect(try control.reply(to: "press gate-sos tamper") == "ok")
        let event = try await subscriber.next("the tamper event", matching: { $0.topic == "\(prefix)/events/gate-sos" && $0.string.contains("alarm.tamper") })
        let id = try #require(try event.json()["id"] as? String)
        gateway.signal(SIGTERM)
        let result = gateway.finish()
        #expect(result.status == 0, "stderr: \(result.stderr)")

        let lines = try String(contentsOfFile: trace, encoding: .utf8).split(separator: "\n")
        #expect(lines.first.map(String.init) == DeliveryTrace.header)
        let fields = try #require(lines.first { $0.contains(",\(id),") }?.split(separator: ",", omittingEmptySubsequences: false))
        #expect(fields.count == 10)
        #expect(Array(fields.prefix(6)) == ["police", fields[1], Substring(id), "gate-sos", "alarm.tamper", "0"])
        let observed = try #require(UInt64(fields[6]))
        let committed = try #require(UInt64(fields[7]))
        let published = try #require(UInt64(fields[8]))
        let acknowledged = try #require(UInt64(fields[9]))
        // The poll that saw the press came after it, within a poll interval and some slack;
        // then the journal's commit, the publish and the PUBACK, all before the gateway stopped.
        #expect(observed > pressedNs && observed - pressedNs < 1_000_000_000)
        #expect(committed >= observed && committed - observed < 1_000_000_000)
        #expect(published >= committed && published - committed < 1_000_000_000)
        #expect(acknowledged >= published && acknowledged < WallClock.monotonicNanoseconds())
        // The birth status and the device state are not events: only events are traced.
        #expect(lines.dropFirst().allSatisfy { !$0.hasPrefix("police,0,") })
    }
}
