import GatewayCore
import GatewayTesting
import Testing
@_spi(Testing) import Uplinks

/// Records a client's events for assertions.
final class EventLog: Sendable {
    private let lock = ConditionLock()
    private nonisolated(unsafe) var events: [MQTTClientEvent] = []

    func append(_ event: MQTTClientEvent) { lock.withLock { events.append(event) } }
    var all: [MQTTClientEvent] { lock.withLock { events } }
    var acknowledgedIDs: [Int32] {
        all.compactMap { if case .published(let mid) = $0 { mid } else { nil } }
    }
}

@Suite("MQTTClient against a real mosquitto", .timeLimit(.minutes(1)))
struct MQTTClientTests {
    @Test func publishedMessageArrivesAndIsAcknowledged() async throws {
        let broker = try TestBroker()
        let subscriber = try TestSubscriber(broker: broker, filter: "lab/#")
        try await subscriber.waitForConnection()
        let log = EventLog()
        let client = try MQTTClient(options: .init(host: broker.host, port: broker.port, clientID: "round-trip")) { log.append($0) }
        try client.start()
        #expect(client.waitForConnection(timeout: .seconds(5)))

        let payload: [UInt8] = [0x7B, 0x00, 0xFF, 0x7D]
        let mid = try client.publish(topic: "lab/bytes", payload: payload, qos: .atLeastOnce, retain: false)
        #expect(client.waitForAcknowledgement(of: mid, timeout: .seconds(5)))
        // The handler runs just after the id is cleared.
        try await eventually("the .published event") { log.acknowledgedIDs.contains(mid) }
        let received = try await subscriber.next(topic: "lab/bytes")
        #expect(received.payload == payload)
        #expect(received.qos == .atLeastOnce)
        #expect(!received.retained)
        client.shutdown()
    }

    /// A PUBACK can arrive before `mosquitto_publish` returns the id; every id must still be
    /// registered and then cleared, never left in flight.
    @Test func everyMessageOfABurstIsAcknowledged() async throws {
        let broker = try TestBroker()
        let log = EventLog()
        let client = try MQTTClient(options: .init(host: broker.host, port: broker.port, clientID: "burst")) { log.append($0) }
        try client.start()
        #expect(client.waitForConnection(timeout: .seconds(5)))
        var mids = Set<Int32>()
        for i in 0..<2000 {
            mids.insert(try client.publish(topic: "burst/\(i % 7)", payload: Array("\(i)".utf8), qos: .atLeastOnce, retain: false))
        }
        #expect(mids.count == 2000)
        try await eventually("all 2000 acknowledgements") { client.inFlightCount == 0 }
        #expect(Set(log.acknowledgedIDs).isSuperset(of: mids))
        client.shutdown()
    }

    @Test func lastWillIsPublishedWhenTheConnectionDiesWithoutDisconnect() async throws {
        let broker = try TestBroker()
        let subscriber = try TestSubscriber(broker: broker, filter: "will/#")
        try await subscriber.waitForConnection()
        let will = MQTTClientOptions.Will(topic: "will/status", payload: Array("gone".utf8), qos: .atLeastOnce, retain: true)
        let client = try MQTTClient(options: .init(host: broker.host, port: broker.port, clientID: "mortal", will: will)) { _ in }
        try client.start()
        #expect(client.waitForConnection(timeout: .seconds(5)))

        client.severConnection()
        let message = try await subscriber.next(topic: "will/status")
        #expect(message.string == "gone")

        // Retained: a platform that subscribes later still sees it.
        let late = try TestSubscriber(broker: broker, filter: "will/#")
        let retained = try await late.next(topic: "will/status")
        #expect(retained.retained)
        #expect(retained.string == "gone")
        client.shutdown()
    }

    @Test func cleanShutdownDoesNotPublishTheWill() async throws {
        let broker = try TestBroker()
        let subscriber = try TestSubscriber(broker: broker, filter: "will/#")
        try await subscriber.waitForConnection()
        let will = MQTTClientOptions.Will(topic: "will/status", payload: Array("gone".utf8))
        let client = try MQTTClient(options: .init(host: broker.host, port: broker.port, clientID: "polite", will: will)) { _ in }
        try client.start()
        #expect(client.waitForConnection(timeout: .seconds(5)))
        try client.publish(topic: "will/marker", payload: [1], qos: .atLeastOnce, retain: false)
        _ = try await subscriber.next(topic: "will/marker")
        #expect(client.shutdown())
        // The broker handles the DISCONNECT before anything published after it.
        let other = try MQTTClient(options: .init(host: broker.host, port: broker.port, clientID: "after")) { _ in }
        try other.start()
        #expect(other.waitForConnection(timeout: .seconds(5)))
        try other.publish(topic: "will/after", payload: [2], qos: .atLeastOnce, retain: false)
        _ = try await subscriber.next(topic: "will/after")
        #expect(subscriber.messages(onTopic: "will/status").isEmpty)
        other.shutdown()
    }

    /// libmosquitto does not retry by itself when the very first connect fails.
    @Test func connectsOnceABrokerThatWasDownStarts() async throws {
        let broker = try TestBroker(start: false)
        let client = try MQTTClient(options: .init(host: broker.host, port: broker.port, clientID: "patient")) { _ in }
        try client.start()
        try await Task.sleep(for: .milliseconds(300))
        #expect(!client.isConnected)
        try broker.start()
        try await eventually("the client to connect", timeout: .seconds(15)) { client.isConnected }
        client.shutdown()
    }

    /// libmosquitto re-sends its unacknowledged QoS 1 messages after a reconnect, even with a
    /// clean session, ahead of anything published after it. The client starts each
    /// connection from fresh libmosquitto state, so they end with their connection.
    @Test func messagesUnacknowledgedWhenTheConnectionDropsAreNotResent() async throws {
        let broker = try TestBroker()
        let subscriber = try TestSubscriber(broker: broker, filter: "lost/#")
        try await subscriber.waitForConnection()
        let proxy = try TCPProxy(targetPort: broker.port)
        defer { proxy.shutdown() }
        let client = try MQTTClient(options: .init(host: proxy.host, port: proxy.port, clientID: "forgetful")) { _ in }
        try client.start()
        #expect(client.waitForConnection(timeout: .seconds(5)))
        proxy.hold()
        for i in 0..<10 { try client.publish(topic: "lost/old", payload: [UInt8(i)], qos: .atLeastOnce, retain: false) }
        #expect(client.inFlightCount == 10)
        proxy.cut()
        try await eventually("the client to notice the cut") { !client.isConnected }
        #expect(throws: MQTTError.self) { try client.publish(topic: "lost/offline", payload: [], qos: .atLeastOnce, retain: false) }
        proxy.resume()
        try await eventually("the client to reconnect", timeout: .seconds(15)) { client.isConnected }
        #expect(client.inFlightCount == 0)
        let mid = try client.publish(topic: "lost/new", payload: [42], qos: .atLeastOnce, retain: false)
        #expect(client.waitForAcknowledgement(of: mid, timeout: .seconds(5)))
        let first = try await subscriber.next(topic: nil)
        #expect(first.topic == "lost/new", "first message after the reconnect: \(first)")
        #expect(subscriber.messages.allSatisfy { $0.topic == "lost/new" })
        client.shutdown()
    }

    @Test func aShutDownClientRefusesWorkAndShutsDownOnce() async throws {
        let broker = try TestBroker()
        let client = try MQTTClient(options: .init(host: broker.host, port: broker.port, clientID: "closing")) { _ in }
        try client.start()
        #expect(client.shutdown())
        #expect(client.shutdown())
        #expect(throws: MQTTError.self) { try client.publish(topic: "x", payload: [], qos: .atMostOnce, retain: false) }
        #expect(!client.isConnected)
    }

    @Test func optionsNeverPrintThePassword() {
        let options = MQTTClientOptions(host: "h", port: 1883, clientID: "c", username: "police", password: "s3cret")
        #expect(!options.description.contains("s3cret"))
        #expect(options.description.contains("police"))
    }
}
