import BenchSupport
import Synchronization
import Uplinks

/// Counts the retained device-state messages at the broker (`{prefix}/state/+`) without
/// keeping them: with changing values each one carries every point of its device.
final class StateCounter: Sendable {
    private final class Counts: Sendable {
        let messages = Atomic<Int>(0)
        let bytes = Atomic<Int>(0)
    }

    private let counts = Counts()
    private let client: MQTTClient

    init(host: String, port: Int) throws {
        let counts = self.counts
        client = try MQTTClient(options: MQTTClientOptions(host: host, port: port, clientID: "scale-bench-states")) { event in
            guard case .message(let message) = event else { return }
            counts.messages.add(1, ordering: .relaxed)
            counts.bytes.add(message.payload.count, ordering: .relaxed)
        }
        try client.start()
        guard client.waitForConnection(timeout: .seconds(10)) else { throw BenchError("state counter: no connection to the broker") }
        try client.subscribe(filter: ScaleSite.topicPrefix + "/state/+")
    }

    /// Messages and payload bytes so far.
    var totals: (messages: Int, bytes: Int) { (counts.messages.load(ordering: .relaxed), counts.bytes.load(ordering: .relaxed)) }

    func shutdown() { _ = client.shutdown() }
}
