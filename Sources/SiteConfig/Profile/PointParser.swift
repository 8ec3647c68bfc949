import GatewayCore
import Yams

/// Reads one entry of a profile's `points:` list and checks that its keys fit together
/// (a bool lives in a bit table, `bit:` goes with `type: bit`, events only on on/off points).
struct PointParser {
    static let keys = [
        "id", "table", "address", "type", "bit", "word_order", "active", "debounce",
        "event", "severity", "cid", "scale", "offset", "unit", "mode", "poll",
    ]
    static let maxDebounce: Duration = .seconds(3600)

    let file: YAMLFile

    /// Nil when the point has any problem; the problems are in the log.
    func parse(_ node: Node) -> ParsedPoint? {
        guard let map = MapReader(node, what: "point", label: "each entry of 'points'", keys: Self.keys, file: file) else { return nil }
        let start = file.log.count

        let id = map.text("id", required: true)
        if let id, let problem = Identifier.problem(id.value, what: "point id") { file.error(problem, at: id.mark) }
        let table = map.choice("table", as: ModbusTable.self, required: true)?.value
        let address = map.integer("address", in: 0...65535, required: true)
        let type = valueType(map, table: table)
        let bit = map.integer("bit", in: 0...15)
        let mode = map.choice("mode", as: PointSpec.Mode.self)
        if let type { checkKeysFit(map, type: type, mode: mode?.value ?? .level) }
        if let mode, let table, let type { checkMode(mode, table: table, type: type, map: map) }
        let poll = map.duration("poll", in: ProfileParser.pollRange)
        if let table, let type, let address { checkEnd(address, table: table, type: type) }

        let wordOrder = map.choice("word_order", as: PointSpec.WordOrder.self)?.value ?? .highFirst
        let active = map.choice("active", as: PointSpec.Active.self)?.value ?? .high
        let debounce = map.duration("debounce", in: .zero...Self.maxDebounce) ?? .zero
        let event = map.text("event").flatMap(eventKind)
        let severity = map.choice("severity", as: Severity.self)?.value ?? (map.has("event") ? .major : .info)
        let contactID = map.text("cid").flatMap(contactID)
        let scale = map.number("scale") ?? 1
        let offset = map.number("offset") ?? 0
        let unit = map.text("unit")?.value

        guard file.log.count == start, let id, let table, let address, let type else { return nil }
        let spec = PointSpec(
            id: id.value, table: table, address: address.value, type: type, bit: bit?.value, wordOrder: wordOrder,
            active: active, debounce: debounce, event: event, severity: severity, contactID: contactID,
            scale: scale, offset: offset, unit: unit, mode: mode?.value ?? .level, poll: poll
        )
        return ParsedPoint(spec: spec, idMark: id.mark, addressMark: address.mark, bitMark: bit?.mark)
    }

    /// The given type, checked against the table, or the table's default. Nil when unknown.
    private func valueType(_ map: MapReader, table: ModbusTable?) -> PointSpec.ValueType? {
        guard map.has("type") else { return table.map { $0.holdsBits ? .bool : .u16 } }
        guard let given = map.choice("type", as: PointSpec.ValueType.self) else { return nil }
        guard let table else { return given.value }
        if given.value == .bool, !table.holdsBits {
            file.error(
                "type 'bool' is only for coil and discrete_input points; for one bit of a register use 'type: bit' with 'bit: 0–15'",
                at: given.mark
            )
        } else if given.value != .bool, table.holdsBits {
            file.error(
                "type '\(given.value.rawValue)' needs a register table (holding_register or input_register); \(table.rawValue) holds single bits, use 'type: bool'",
                at: given.mark
            )
        }
        return given.value
    }

    /// Keys that only make sense for some types.
    private func checkKeysFit(_ map: MapReader, type: PointSpec.ValueType, mode: PointSpec.Mode) {
        if type == .bit {
            if !map.has("bit") {
                file.error("a point of type 'bit' needs 'bit: 0–15' (which bit of the register)", at: map.mark)
            }
        } else {
            map.forbid("bit", because: "is only allowed with 'type: bit'")
        }
        if type.registerCount != 2 {
            map.forbid("word_order", because: "is only for 32-bit types (u32, i32, f32)")
        }
        if type == .bool || type == .bit {
            for key in ["scale", "offset", "unit"] {
                map.forbid(key, because: "is only for numeric points (u16, i16, u32, i32, f32), not '\(type.rawValue)'")
            }
        } else {
            map.forbid("active", because: "is only for bool and bit points")
            if mode != .counter {
                map.forbid("event", because: "is only for bool and bit points and counters; numeric points are telemetry and raise no events")
            }
        }
        if !map.has("event") {
            map.forbid("severity", because: "only applies to points with an 'event'")
            map.forbid("cid", because: "only applies to points with an 'event'")
        }
    }

    /// A latch is cleared by writing it, so it must be writable; a counter is a register.
    private func checkMode(_ mode: Located<PointSpec.Mode>, table: ModbusTable, type: PointSpec.ValueType, map: MapReader) {
        switch mode.value {
        case .level:
            break
        case .latched:
            if !(table == .coil || (table == .holdingRegister && type == .bit)) {
                file.error(
                    "'mode: latched' needs a point the gateway can clear by writing: a coil, or a 'bit' of a holding_register",
                    at: mode.mark
                )
            }
        case .counter:
            if table.holdsBits || !(type == .u16 || type == .u32) {
                file.error("'mode: counter' needs a u16 or u32 register point", at: mode.mark)
            } else if !map.has("event") {
                file.error("'mode: counter' needs an 'event': each increment is reported as one", at: mode.mark)
            }
            for key in ["scale", "offset"] {
                map.forbid(key, because: "does not apply to a counter: it counts whole presses")
            }
        }
    }

    private func checkEnd(_ address: Located<Int>, table: ModbusTable, type: PointSpec.ValueType) {
        let span = table.holdsBits ? 1 : type.registerCount
        if address.value + span - 1 > 65535 {
            file.error(
                "type '\(type.rawValue)' at address \(address.value) spans \(span) registers and runs past the last address 65535",
                at: address.mark
            )
        }
    }

    private func eventKind(_ text: Located<String>) -> EventKind? {
        let kind = EventKind(text.value)
        guard kind.isWellFormed else {
            file.error(
                "event '\(text.value)' is not an event kind: use lowercase words (a-z, 0-9, _) joined by dots, like alarm.emergency",
                at: text.mark
            )
            return nil
        }
        return kind
    }

    private func contactID(_ text: Located<String>) -> String? {
        guard text.value.count == 3, text.value.allSatisfy({ $0.isASCII && $0.isNumber }) else {
            file.error("'cid' must be a Contact ID event code of exactly 3 digits, like \"120\"; found '\(text.value)'", at: text.mark)
            return nil
        }
        return text.value
    }
}
