import GatewayCore
import Uplinks

/// An MQTT client that subscribes to a filter (default `#`) and records every message, for
/// assertions. It re-subscribes after every reconnect.
public final class TestSubscriber: Sendable {
    public let filter: String
    private let client: MQTTClient
    private let lock = ConditionLock()
    // Guarded by `lock`.
    private nonisolated(unsafe) var received: [ReceivedMessage] = []
    private nonisolated(unsafe) var consumed: [Bool] = []
    private nonisolated(unsafe) var subscribed = false
    private nonisolated(unsafe) var pendingSubscription: Int32?
    private let box: Box

    /// A reference the client's handler can hold before `self` exists.
    private final class Box: Sendable {
        /// Written once in `init`, before the client starts and can call back.
        nonisolated(unsafe) weak var subscriber: TestSubscriber?
    }

    /// Connects to `broker` and subscribes. With `cleanSession: false` and a fixed
    /// `clientID` the broker queues QoS 1 messages for it while it is disconnected.
    public init(
        broker: TestBroker, filter: String = "#", qos: MQTTQoS = .atLeastOnce,
        clientID: String = "test-subscriber-\(UInt32.random(in: 0...UInt32.max))", cleanSession: Bool = true
    ) throws {
        self.filter = filter
        let box = Box()
        self.box = box
        let options = MQTTClientOptions(host: broker.host, port: broker.plainPort, clientID: clientID, cleanSession: cleanSession)
        client = try MQTTClient(options: options) { event in box.subscriber?.handle(event, qos: qos) }
        box.subscriber = self
        try client.start()
    }

    deinit { client.shutdown() }

    /// Disconnects cleanly and stops the client.
    public func shutdown() { client.shutdown() }

    /// Waits until connected and the subscription is acknowledged (SUBACK).
    public func waitForConnection(timeout: Duration = .seconds(10)) async throws {
        let deadline = ContinuousClock.now + timeout
        while !lock.withLock({ subscribed }) {
            guard ContinuousClock.now < deadline else {
                throw TestSubscriberError(message: "subscriber on '\(filter)' not connected and subscribed within \(timeout)")
            }
            try await Task.sleep(for: .milliseconds(5))
        }
    }

    /// Every message received so far, in arrival order.
    public var messages: [ReceivedMessage] { lock.withLock { received } }

    public func messages(onTopic topic: String) -> [ReceivedMessage] { messages.filter { $0.topic == topic } }

    /// The earliest message not yet returned by `next` that satisfies `predicate`; waits up to
    /// `timeout` for one to arrive.
    public func next(
        _ what: String = "a message", timeout: Duration = .seconds(10),
        matching predicate: @Sendable (ReceivedMessage) -> Bool
    ) async throws -> ReceivedMessage {
        let deadline = ContinuousClock.now + timeout
        while true {
            let found: ReceivedMessage? = lock.withLock {
                for index in received.indices where !consumed[index] && predicate(received[index]) {
                    consumed[index] = true
                    return received[index]
                }
                return nil
            }
            if let found { return found }
            guard ContinuousClock.now < deadline else {
                let seen = messages.suffix(5).map { "  \($0)" }.joined(separator: "\n")
                throw TestSubscriberError(
                    message: "timed out after \(timeout) waiting for \(what) on '\(filter)'; last messages:\n\(seen)"
                )
            }
            try await Task.sleep(for: .milliseconds(2))
        }
    }

    /// The next message on exactly `topic` (any topic when nil).
    public func next(topic: String?, timeout: Duration = .seconds(10)) async throws -> ReceivedMessage {
        try await next(topic.map { "a message on \($0)" } ?? "any message", timeout: timeout) { message in
            topic == nil || message.topic == topic
        }
    }

    /// Waits until at least `count` messages satisfy `predicate`; returns them all.
    @discardableResult
    public func waitForCount(
        _ count: Int, _ what: String = "messages", timeout: Duration = .seconds(10),
        matching predicate: @Sendable (ReceivedMessage) -> Bool
    ) async throws -> [ReceivedMessage] {
        let deadline = ContinuousClock.now + timeout
        while true {
            let matching = messages.filter(predicate)
            if matching.count >= count { return matching }
            guard ContinuousClock.now < deadline else {
                throw TestSubscriberError(
                    message: "timed out after \(timeout) waiting for \(count) \(what) on '\(filter)'; got \(matching.count)"
                )
            }
            try await Task.sleep(for: .milliseconds(5))
        }
    }

    private func handle(_ event: MQTTClientEvent, qos: MQTTQoS) {
        switch event {
        case .connected(let code, _) where code == 0:
            // A clean session forgets subscriptions; subscribe on every connect.
            // Under the lock: the SUBACK may arrive before `subscribe` returns its id.
            lock.withLock { pendingSubscription = try? client.subscribe(filter: filter, qos: qos) }
        case .subscribed(let mid, _):
            lock.withLock { if mid == pendingSubscription { subscribed = true } }
        case .disconnected:
            lock.withLock { subscribed = false }
        case .message(let message):
            let now = WallClock.monotonicNanoseconds()
            lock.withLock {
                received.append(ReceivedMessage(
                    topic: message.topic, payload: message.payload, retained: message.retained, qos: message.qos,
                    receivedAt: now
                ))
                consumed.append(false)
            }
        default:
            break
        }
    }
}

public struct TestSubscriberError: Error, CustomStringConvertible {
    public let message: String
    public init(message: String) { self.message = message }
    public var description: String { message }
}
