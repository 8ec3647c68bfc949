import Yams

/// Reads one entry of the site's `arming:` list: `{ zone: north-wall, schedule: night }`.
struct ArmingParser {
    static let keys = ["zone", "schedule"]

    let file: YAMLFile

    func parse(_ node: Node) -> ArmingDraft? {
        guard let map = MapReader(node, what: "arming entry", label: "each entry of 'arming'", keys: Self.keys, file: file) else { return nil }
        let zone = map.text("zone", required: true)
        if let zone, zone.value.isEmpty { file.error("'zone' must not be empty", at: zone.mark) }
        let schedule = map.text("schedule", required: true)
        guard let zone, let schedule, !zone.value.isEmpty else { return nil }
        return ArmingDraft(zone: zone, schedule: schedule)
    }
}
