import GatewayCore
import Yams

/// Reads one entry of the site's `routes:` list.
struct RouteParser {
    static let keys = ["name", "kind", "severity", "devices", "to"]

    let file: YAMLFile

    func parse(_ node: Node) -> RouteDraft? {
        guard let map = MapReader(node, what: "route", label: "each entry of 'routes'", keys: Self.keys, file: file) else { return nil }
        let name = map.text("name", required: true)
        if let name, name.value.isEmpty { file.error("route name must not be empty", at: name.mark) }
        let kinds = map.optional("kind").map(kinds) ?? ["*"]
        let severity = map.choice("severity", as: Severity.self)?.value ?? .info
        let devices = map.textList("devices") ?? []
        var uplinks: [Located<String>] = []
        if let to = map.required("to"), let list = file.textList(to, "'to'") {
            if list.isEmpty { file.error("'to' must name at least one uplink", at: to.mark) }
            uplinks = list
        }
        return RouteDraft(name: name, kinds: kinds, minSeverity: severity, devices: devices, uplinks: uplinks)
    }

    /// `kind:` is one pattern or a list of them.
    private func kinds(_ node: Node) -> [String] {
        let patterns: [Located<String>]
        if case .sequence = node {
            patterns = file.textList(node, "'kind'") ?? []
            if patterns.isEmpty, file.list(node, "'kind'")?.isEmpty == true {
                file.error("'kind' must list at least one pattern (or leave it out to match every kind)", at: node.mark)
            }
        } else {
            patterns = file.text(node, "'kind'").map { [Located(value: $0, mark: node.mark)] } ?? []
        }
        for pattern in patterns where !Self.isKindPattern(pattern.value) {
            file.error(
                "kind '\(pattern.value)' is not a kind pattern: use an event kind (alarm.emergency), a prefix (alarm.*) or *",
                at: pattern.mark
            )
        }
        return patterns.map(\.value)
    }

    static func isKindPattern(_ text: String) -> Bool {
        if text == "*" { return true }
        if text.hasSuffix(".*") {
            // Any well-formed prefix: "alarm" from "alarm.*", "alarm.line" from "alarm.line.*".
            return EventKind(String(text.dropLast(2)) + ".x").isWellFormed
        }
        return EventKind(text).isWellFormed
    }
}
