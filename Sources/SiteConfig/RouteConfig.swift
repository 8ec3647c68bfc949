import GatewayCore

/// Which events go to which uplinks. With no routes in a site, every event goes to every
/// uplink; with routes, an event goes to the union of the uplinks of every route it matches.
/// When several routes send an event to one uplink, the first of them in the site file
/// gives the topic and QoS.
public struct RouteConfig: Sendable, Equatable {
    public var name: String
    public var match: EventMatch
    /// Uplink names.
    public var uplinks: [String]
    /// Topic levels under the uplink's `topic_prefix`; nil means the default
    /// `events/{device}`. `{device}` and `{kind}` stand for the event's device and kind.
    public var topic: String?
    /// MQTT QoS, 0 or 1.
    public var qos: Int

    public init(
        name: String, kinds: [String] = ["*"], minSeverity: Severity = .info, devices: [String] = [],
        tags: [String] = [], locations: [String] = [], schedule: String? = nil, uplinks: [String],
        topic: String? = nil, qos: Int = 1
    ) {
        self.init(
            name: name,
            match: EventMatch(kinds: kinds, minSeverity: minSeverity, devices: devices, tags: tags, locations: locations, schedule: schedule),
            uplinks: uplinks, topic: topic, qos: qos)
    }

    public init(name: String, match: EventMatch, uplinks: [String], topic: String? = nil, qos: Int = 1) {
        self.name = name
        self.match = match
        self.uplinks = uplinks
        self.topic = topic
        self.qos = qos
    }

    public var kinds: [String] { match.kinds }
    public var minSeverity: Severity { match.minSeverity }
    public var devices: [String] { match.devices }
}
