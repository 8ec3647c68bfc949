import GatewayCore
import Logging
import SiteConfig

/// One platform connection: a libmosquitto client on its own network thread, fed by a
/// priority `LaneQueue`, publishing events, retained device states, a retained gateway
/// status (birth + last will) and a heartbeat under the uplink's topic prefix.
public final class Uplink: EventSink {
    public let name: String

    public init(config: UplinkConfig, siteID: String, logger: Logger) {
        fatalError("unimplemented")
    }

    /// Connects (retrying for ever with capped backoff) and publishes until `shutdown()`.
    /// Returns once the link is closed.
    public func run() async throws { fatalError("unimplemented") }

    /// Publishes the retained `offline` status, disconnects cleanly and makes `run()` return.
    public func shutdown() async { fatalError("unimplemented") }

    public func submit(_ event: Event) { fatalError("unimplemented") }

    public func updateState(_ snapshot: DeviceSnapshot) { fatalError("unimplemented") }

    public var status: UplinkStatus { fatalError("unimplemented") }
}

/// What an uplink reports about itself (status page, logs, tests).
public struct UplinkStatus: Sendable, Equatable {
    public var name: String
    public var connected: Bool
    /// Events queued or in flight, not yet acknowledged by the broker.
    public var backlog: Int
    /// Events the broker has acknowledged (PUBACK) since start.
    public var acknowledged: UInt64
    /// UTC ms of the last PUBACK; 0 when none.
    public var lastAcknowledgement: Int64
    /// Last connection error, empty when none.
    public var lastError: String

    public init(name: String, connected: Bool, backlog: Int, acknowledged: UInt64, lastAcknowledgement: Int64, lastError: String) {
        self.name = name
        self.connected = connected
        self.backlog = backlog
        self.acknowledged = acknowledged
        self.lastAcknowledgement = lastAcknowledgement
        self.lastError = lastError
    }
}
