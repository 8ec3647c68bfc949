import Yams

/// Reads `flood:`: `{ limit: 10, window: 10s }`, or `off`.
struct FloodParser {
    static let keys = ["limit", "window"]

    let file: YAMLFile

    /// nil when flood control is turned off.
    func parse(_ node: Node) -> FloodPolicy? {
        if case .scalar(let scalar) = node, !node.isNull {
            if scalar.string == "off" { return nil }
            file.error("'flood' must be a map like { limit: 10, window: 10s } or the word off, found '\(scalar.string)'", at: node.mark)
            return .standard
        }
        guard let map = MapReader(node, what: "'flood'", keys: Self.keys, file: file) else { return .standard }
        return FloodPolicy(
            limit: map.integer("limit", in: 1...100_000)?.value ?? FloodPolicy.standard.limit,
            window: map.duration("window", in: .seconds(1) ... .seconds(3600)) ?? FloodPolicy.standard.window
        )
    }
}
