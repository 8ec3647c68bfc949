import GatewayCore

/// A route as read from the site file; references are checked once everything is read.
struct RouteDraft {
    var name: Located<String>?
    var kinds: [String]
    var minSeverity: Severity
    var devices: [Located<String>]
    var uplinks: [Located<String>]

    func config() -> RouteConfig? {
        guard let name, !uplinks.isEmpty else { return nil }
        return RouteConfig(
            name: name.value, kinds: kinds, minSeverity: minSeverity, devices: devices.map(\.value), uplinks: uplinks.map(\.value)
        )
    }
}
