import GatewayCore

/// A route as read from the site file; references are checked once everything is read.
struct RouteDraft {
    var name: Located<String>?
    var match: EventMatchDraft
    var uplinks: [Located<String>]
    var topic: String?
    var qos: Int

    var devices: [Located<String>] { match.devices }

    func config() -> RouteConfig? {
        guard let name, !uplinks.isEmpty else { return nil }
        return RouteConfig(name: name.value, match: match.match, uplinks: uplinks.map(\.value), topic: topic, qos: qos)
    }
}
