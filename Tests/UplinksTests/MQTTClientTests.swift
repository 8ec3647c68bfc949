import Foundation
import GatewayCore
import GatewayTesting
import Testing
@_spi(Testing) import Uplinks

@Suite("MQTTClient experiments")
struct MQTTClientExperiments {
    @Test func connectsWhenBrokerStartsLater() async throws {
        let broker = try TestBroker(start: false)
        let log = ConditionLock()
        nonisolated(unsafe) var events: [String] = []
        let client = try MQTTClient(options: .init(host: broker.host, port: broker.port, clientID: "exp1")) { e in
            log.withLock { events.append("\(e)") }
        }
        try client.start()
        try await Task.sleep(for: .seconds(2))
        try broker.start()
        let ok = client.waitForConnection(timeout: .seconds(8))
        print("connected later:", ok, log.withLock { events })
        // Now sever and see whether in-flight resends happen.
        let sub = try TestSubscriber(broker: broker)
        try await sub.waitForConnection()
        broker.stop()
        try await Task.sleep(for: .milliseconds(300))
        let mid = try? client.publish(topic: "t/x", payload: Array("hello".utf8), qos: .atLeastOnce, retain: false)
        print("publish while down mid:", mid as Any, (try? client.publish(topic: "t/x", payload: [1], qos: .atLeastOnce, retain: false)) as Any, {do { _ = try client.publish(topic: "t/y", payload: [1], qos: .atLeastOnce, retain: false); return "ok" } catch { return "\(error)" }}(), "inflight", client.inFlightCount)
        try broker.start()
        try await Task.sleep(for: .seconds(7))
        print("events:", log.withLock { events })
        print("inflight after:", client.inFlightCount)
        client.shutdown()
        broker.shutdown()
    }
}
