import GatewayCore
import Yams

/// Reads the conditions routes and linkage rules share: `kind`, `severity`, `devices`,
/// `tags`, `locations`, `schedule` (and `state` for linkage).
struct EventMatchReader {
    static let keys = ["kind", "severity", "devices", "tags", "locations", "schedule"]

    let file: YAMLFile

    func read(_ map: MapReader, defaultStates: [EventState] = []) -> EventMatchDraft {
        EventMatchDraft(
            kinds: map.optional("kind").map(kinds) ?? ["*"],
            minSeverity: map.choice("severity", as: Severity.self)?.value ?? .info,
            devices: map.textList("devices") ?? [],
            tags: map.textList("tags") ?? [],
            locations: map.textList("locations") ?? [],
            states: states(map) ?? defaultStates,
            schedule: map.text("schedule")
        )
    }

    /// `state:` is `active`, `cleared` or `any`.
    private func states(_ map: MapReader) -> [EventState]? {
        guard map.has("state"), let choice = map.choice("state", as: StateChoice.self) else { return nil }
        switch choice.value {
        case .active: return [.active]
        case .cleared: return [.cleared]
        case .any: return []
        }
    }

    enum StateChoice: String, CaseIterable { case active, cleared, any }

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
