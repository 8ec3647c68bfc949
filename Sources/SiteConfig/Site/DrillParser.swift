import Yams

/// Reads `drill:` (`{ schedule: NAME }`).
struct DrillParser {
    static let keys = ["schedule"]

    let file: YAMLFile

    func parse(_ node: Node) -> Located<String>? {
        guard let map = MapReader(node, what: "'drill'", keys: Self.keys, file: file) else { return nil }
        return map.text("schedule", required: true)
    }
}
