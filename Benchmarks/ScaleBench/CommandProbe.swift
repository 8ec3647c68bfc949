import BenchSupport
import Foundation
import GatewayCore
import GatewayTesting
import Uplinks

/// Sends signed commands as a platform would (QoS 1 on `{prefix}/commands`) and times each
/// from just before its publish to the arrival of its result at the bench's subscriber
/// (`ReceivedMessage.receivedAt`, on libmosquitto's thread), both monotonic.
final class CommandProbe {
    struct Sample: Codable, Sendable {
        var id: String
        var node: String
        /// Publish → result at the subscriber, ms.
        var latencyMs: Double
        /// The gateway's own `elapsed_ms`: accepting the command → its outcome.
        var gatewayElapsedMs: Int
        var status: String
    }

    private let site: ScaleSite
    private let publisher: MQTTClient
    private let results: TestSubscriber
    private let signer = CommandSigner(key: ScaleSite.commandKey)
    private var rng: SplitMix64
    private var cursor = 0
    private let runTag = String(UInt32.random(in: 0...UInt32.max), radix: 36)
    private(set) var samples: [Sample] = []
    private(set) var timedOut: [String] = []

    init(site: ScaleSite, broker: TestBroker, seed: UInt64) async throws {
        self.site = site
        rng = SplitMix64(seed: seed)
        results = try TestSubscriber(broker: broker, filter: ScaleSite.resultsTopic)
        try await results.waitForConnection()
        publisher = try MQTTClient(options: MQTTClientOptions(host: broker.host, port: broker.plainPort, clientID: "scale-bench-platform")) { _ in }
        try publisher.start()
        guard publisher.waitForConnection(timeout: .seconds(10)) else { throw BenchError("command publisher: no connection to the broker") }
    }

    deinit {
        _ = publisher.shutdown()
        results.shutdown()
    }

    /// Sends command number `index` to a random node and waits up to `timeout` for its result.
    func send(_ index: Int, timeout: Duration = .seconds(10)) async throws {
        let node = site.nodeIDs[Int(rng.next() % UInt64(site.nodeIDs.count))]
        let id = "c-\(runTag)-\(index)"
        let issued = WallClock.nowMilliseconds()
        let payload = signer.payload(
            id: id, target: node, action: ScaleSite.command, issuedMs: issued, expiresMs: issued + 30_000, argument: index % 1000
        )
        let start = WallClock.monotonicNanoseconds()
        try publisher.publish(topic: ScaleSite.commandsTopic, payload: payload, qos: .atLeastOnce, retain: false)
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            try Interrupt.check()
            let messages = results.messages
            while cursor < messages.count {
                let message = messages[cursor]
                cursor += 1
                guard let json = try? message.json(), json["id"] as? String == id else { continue }
                samples.append(Sample(
                    id: id, node: node, latencyMs: Double(Int64(bitPattern: message.receivedAt &- start)) / 1e6,
                    gatewayElapsedMs: (json["elapsed_ms"] as? NSNumber)?.intValue ?? -1, status: json["status"] as? String ?? "?"
                ))
                return
            }
            try await Task.sleep(for: .microseconds(200))
        }
        timedOut.append(id)
    }

    /// A random pause of 100–300 ms, so commands land at every phase of the poll cycle.
    func gap() -> Duration { .milliseconds(100 + Int(rng.next() % 201)) }
}
