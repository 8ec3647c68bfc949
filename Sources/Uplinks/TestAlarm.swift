import GatewayCore
import SiteConfig

/// `campus-gateway test-alarm`: one test alarm (Contact ID 601) through one uplink's broker,
/// timed from publish to the broker's PUBACK.
public enum TestAlarm {
    public struct Outcome: Sendable, Equatable {
        public var uplink: String
        public var acknowledged: Bool
        /// Publish to PUBACK; nil when not acknowledged.
        public var elapsed: Duration?
        public var path: MQTTPath
        /// Why not, for people; empty when acknowledged.
        public var error: String
    }

    /// Connects as `{client_id}-test` (so a running gateway keeps its own connection), sends
    /// the test alarm and waits up to `timeout` in all. Blocks: call it on a thread of its own.
    public static func send(uplink: UplinkConfig, siteID: String, timeout: Duration) -> Outcome {
        let deadline = WallClock.monotonicNanoseconds() + timeout.nanoseconds
        let lastError = ErrorNote()
        let client: MQTTClient
        do {
            client = try MQTTClient(options: MQTTClientOptions(uplink: uplink, clientIDSuffix: "-test")) { event in
                if case .disconnected(let code, let reason) = event, code != 0 { lastError.set(reason) }
                if case .connected(let code, let reason) = event, code != 0 { lastError.set("refused: \(reason)") }
            }
            try client.start()
        } catch {
            return Outcome(uplink: uplink.name, acknowledged: false, elapsed: nil, path: .primary, error: "\(error)")
        }
        defer { client.shutdown(timeout: .seconds(2)) }
        func remaining() -> Duration { .nanoseconds(Int64(deadline) - Int64(WallClock.monotonicNanoseconds())) }
        guard client.waitForConnection(timeout: max(.zero, remaining())) else {
            let why = lastError.text.isEmpty ? "no connection" : lastError.text
            return Outcome(uplink: uplink.name, acknowledged: false, elapsed: nil, path: client.path, error: "cannot connect within \(timeout): \(why)")
        }
        let alarm = TestEvent.manual(site: siteID, timestamp: WallClock.nowMilliseconds())
        let topic = Topics(prefix: uplink.topicPrefix).events(device: alarm.device)
        let started = WallClock.monotonicNanoseconds()
        let messageID: Int32
        do {
            messageID = try client.publish(topic: topic, payload: alarm.jsonBytes(), qos: .atLeastOnce, retain: false)
        } catch {
            return Outcome(uplink: uplink.name, acknowledged: false, elapsed: nil, path: client.path, error: "\(error)")
        }
        guard client.waitForAcknowledgement(of: messageID, timeout: max(.zero, remaining())) else {
            return Outcome(uplink: uplink.name, acknowledged: false, elapsed: nil, path: client.path, error: "no PUBACK within \(timeout)")
        }
        let elapsed = Duration.nanoseconds(Int64(WallClock.monotonicNanoseconds() - started))
        return Outcome(uplink: uplink.name, acknowledged: true, elapsed: elapsed, path: client.path, error: "")
    }

    /// The last connection error, written on the network thread, read by the caller.
    private final class ErrorNote: Sendable {
        private let lock = ConditionLock()
        private nonisolated(unsafe) var value = ""
        var text: String { lock.withLock { value } }
        func set(_ text: String) { lock.withLock { value = text } }
    }
}
