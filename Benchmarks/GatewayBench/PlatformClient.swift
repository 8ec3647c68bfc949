import BenchSupport
import GatewayCore
import Uplinks

/// The police platform as scenario (c) needs it: sends `reset` commands on the uplink's
/// command topic, the same path a platform's operator uses (docs/mqtt-api.md). The bench
/// site gives the uplink no `command_key`, so commands go unsigned.
final class PlatformClient {
    private let client: MQTTClient
    private var sent = 0

    init(brokerPort: Int) throws {
        client = try MQTTClient(options: MQTTClientOptions(host: "127.0.0.1", port: brokerPort, clientID: "bench-platform")) { _ in }
        try client.start()
        guard client.waitForConnection(timeout: .seconds(10)) else { throw BenchError("the platform client could not connect to the broker") }
    }

    /// Sends a `reset` for `device`; returns the command id its result will carry.
    func reset(_ device: String) throws -> String {
        sent += 1
        let id = "bench-reset-\(sent)"
        let now = WallClock.nowMilliseconds()
        let json = #"{"v":1,"id":"\#(id)","target":"\#(device)","action":"reset","issued":\#(now),"expires":\#(now + 30_000)}"#
        _ = try client.publish(topic: BenchSite.commandsTopic, payload: Array(json.utf8), qos: .atLeastOnce, retain: false)
        return id
    }

    func shutdown() { _ = client.shutdown(timeout: .seconds(2)) }
}
