import Foundation
import GatewayCore
import Yams

/// Reads one entry of the site's `routes:` list.
struct RouteParser {
    static let keys = ["name"] + EventMatchReader.keys + ["to", "topic", "qos"]

    let file: YAMLFile

    func parse(_ node: Node) -> RouteDraft? {
        guard let map = MapReader(node, what: "route", label: "each entry of 'routes'", keys: Self.keys, file: file) else { return nil }
        let name = map.text("name", required: true)
        if let name, name.value.isEmpty { file.error("route name must not be empty", at: name.mark) }
        let match = EventMatchReader(file: file).read(map)
        var uplinks: [Located<String>] = []
        if let to = map.required("to"), let list = file.textList(to, "'to'") {
            if list.isEmpty { file.error("'to' must name at least one uplink", at: to.mark) }
            uplinks = list
        }
        let topic = map.text("topic")
        if let topic, let problem = Self.topicProblem(topic.value) { file.error(problem, at: topic.mark) }
        let qos = map.integer("qos", in: 0...1)?.value ?? 1
        return RouteDraft(name: name, match: match, uplinks: uplinks, topic: topic?.value, qos: qos)
    }

    static func isKindPattern(_ text: String) -> Bool { EventMatchReader.isKindPattern(text) }

    /// Placeholders a route's topic may use.
    static let placeholders = ["{device}", "{kind}"]

    /// Why `topic` cannot be a route's topic, or nil.
    static func topicProblem(_ topic: String) -> String? {
        if topic.isEmpty { return "'topic' must not be empty; leave it out for events/{device}" }
        if topic.contains("+") || topic.contains("#") { return "'topic' must not contain '+' or '#': they are MQTT wildcards" }
        if topic.hasPrefix("/") || topic.hasSuffix("/") { return "'topic' must not start or end with '/': it goes under the uplink's topic_prefix" }
        if topic.contains("//") { return "'topic' must not have empty levels ('//')" }
        var rest = topic
        for placeholder in placeholders { rest = rest.replacingOccurrences(of: placeholder, with: "") }
        if rest.contains("{") || rest.contains("}") {
            return "'topic' may only use the placeholders \(placeholders.joined(separator: " and ")), found '\(topic)'"
        }
        if let scalar = topic.unicodeScalars.first(where: { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) }) {
            return "'topic' must not contain the control character U+\(String(scalar.value, radix: 16, uppercase: true).leftPadded(4))"
        }
        return nil
    }
}

extension String {
    fileprivate func leftPadded(_ width: Int) -> String { String(repeating: "0", count: max(0, width - count)) + self }
}
