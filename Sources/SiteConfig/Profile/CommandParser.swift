import GatewayCore
import Yams

/// Reads one entry of a profile's `commands:` list: a write, an optional pulse back, and an
/// optional read-back check naming a point of the same profile.
struct CommandParser {
    static let keys = ["id", "table", "address", "value", "pulse", "release", "check"]
    static let checkKeys = ["point", "value", "within"]
    static let pulseRange: ClosedRange<Duration> = .milliseconds(10)...(.seconds(60))
    static let withinRange: ClosedRange<Duration> = .milliseconds(10)...(.seconds(300))

    let file: YAMLFile
    /// Point ids of the profile, for the check's `point`.
    let points: [PointSpec]

    func parse(_ node: Node) -> (spec: CommandSpec, mark: Mark?)? {
        guard let map = MapReader(node, what: "command", label: "each entry of 'commands'", keys: Self.keys, file: file) else { return nil }
        let start = file.log.count
        let id = map.text("id", required: true)
        if let id, let problem = Identifier.problem(id.value, what: "command id") { file.error(problem, at: id.mark) }
        let table = map.choice("table", as: ModbusTable.self, required: true)
        if let table, table.value == .discreteInput || table.value == .inputRegister {
            file.error("commands write a coil or a holding_register; \(table.value.rawValue) is read-only", at: table.mark)
        }
        let address = map.integer("address", in: 0...65535, required: true)
        let limit = table?.value == .coil ? 1 : 65535
        let value = map.integer("value", in: 0...limit)
        let pulse = map.duration("pulse", in: Self.pulseRange)
        let release = map.integer("release", in: 0...limit)
        if !map.has("pulse") { map.forbid("release", because: "is the value written back after a 'pulse'; add 'pulse: 500ms' or remove it") }
        if map.has("pulse") && !map.has("value") {
            file.error("a pulsed command needs a fixed 'value' to write before writing 'release' back", at: map.keyMark("pulse"))
        }
        let check = map.optional("check").flatMap(parseCheck)
        guard file.log.count == start, let id, let table, let address else { return nil }
        let spec = CommandSpec(
            id: id.value, table: table.value, address: address.value, value: map.has("value") ? value?.value : nil,
            pulse: pulse, release: release?.value ?? 0, check: check
        )
        return (spec, id.mark)
    }

    private func parseCheck(_ node: Node) -> CommandSpec.Check? {
        guard let map = MapReader(node, what: "'check'", keys: Self.checkKeys, file: file) else { return nil }
        let point = map.text("point", required: true)
        if let point, !points.contains(where: { $0.id == point.value }) {
            let hint = Spelling.hint(for: point.value, in: points.map(\.id))
            file.error("'check' names point '\(point.value)', which this profile does not have\(hint)", at: point.mark)
        }
        let value = map.required("value").flatMap { file.number($0, "'value'") }
        let within = map.duration("within", in: Self.withinRange) ?? .seconds(2)
        guard let point, let value else { return nil }
        return CommandSpec.Check(point: point.value, value: value, within: within)
    }
}
