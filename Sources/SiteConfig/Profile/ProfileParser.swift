import GatewayCore
import Yams

/// Reads one device profile file (`DeviceProfiles/NAME.yaml`).
struct ProfileParser {
    static let keys = [
        "profile", "description", "poll", "timeout", "points", "commands", "max_registers", "max_bits",
        "prohibited", "connect_delay", "unit_delay", "auto_reset", "chattering",
    ]
    static let prohibitedKeys = ["table", "from", "to"]
    static let chatteringKeys = ["changes", "within"]
    static let pollRange: ClosedRange<Duration> = .milliseconds(10)...(.seconds(3600))
    static let timeoutRange: ClosedRange<Duration> = .milliseconds(10)...(.seconds(60))
    static let delayRange: ClosedRange<Duration> = .zero...(.seconds(10))
    static let autoResetRange: ClosedRange<Duration> = .seconds(1)...(.seconds(86400))

    let file: YAMLFile

    /// The profile, or nil when the file has any problem (all of them are in the log).
    /// `name` is the file name without `.yaml`, which the `profile:` key must repeat;
    /// `sourceFile` is the file's absolute path, kept in the profile.
    func parse(_ text: String, name: String, sourceFile: String) -> DeviceProfile? {
        let start = file.log.count
        guard let root = file.compose(text) else {
            if file.log.count == start { file.error("the profile file is empty; it needs 'profile:' and 'points:'", at: nil) }
            return nil
        }
        guard let map = MapReader(root, what: "profile", label: "a profile file", keys: Self.keys, file: file) else { return nil }

        if let declared = map.text("profile", required: true), declared.value != name {
            file.error("profile '\(declared.value)' must be named like its file: write 'profile: \(name)' or rename the file", at: declared.mark)
        }
        let description = map.text("description")?.value ?? ""
        let poll = map.duration("poll", in: Self.pollRange)
        let timeout = map.duration("timeout", in: Self.timeoutRange)
        var points: [ParsedPoint] = []
        if let list = map.list("points", required: true) {
            if list.isEmpty { file.error("'points' must list at least one point", at: map.value("points")?.mark) }
            points = list.compactMap(PointParser(file: file).parse)
        }
        PointLayout.check(points, file: file)
        let maxRegisters = map.integer("max_registers", in: 1...125)?.value ?? 125
        if maxRegisters < 2, let wide = points.first(where: { $0.spec.type.registerCount == 2 && !$0.spec.table.holdsBits }) {
            file.error("'max_registers: 1' cannot read the 32-bit point '\(wide.spec.id)', which spans 2 registers", at: map.value("max_registers")?.mark)
        }
        let maxBits = map.integer("max_bits", in: 1...2000)?.value ?? 2000
        let prohibited = (map.list("prohibited") ?? []).compactMap(parseRange)
        checkProhibited(points, prohibited)
        let commands = parseCommands(map, points: points.map(\.spec))
        let chattering = map.optional("chattering").flatMap(parseChattering) ?? DeviceProfile.Chattering()
        let connectDelay = map.duration("connect_delay", in: Self.delayRange) ?? .zero
        let unitDelay = map.duration("unit_delay", in: Self.delayRange) ?? .zero
        let autoReset = map.duration("auto_reset", in: Self.autoResetRange)

        guard file.log.count == start else { return nil }
        return DeviceProfile(
            name: name, description: description, sourceFile: sourceFile, points: points.map(\.spec), poll: poll,
            timeout: timeout, commands: commands, maxRegisters: maxRegisters, maxBits: maxBits,
            prohibited: prohibited.map(\.value), connectDelay: connectDelay, unitDelay: unitDelay,
            autoReset: autoReset, chattering: chattering
        )
    }

    private func parseRange(_ node: Node) -> Located<AddressRange>? {
        guard let map = MapReader(node, what: "prohibited range", label: "each entry of 'prohibited'", keys: Self.prohibitedKeys, file: file) else { return nil }
        let table = map.choice("table", as: ModbusTable.self, required: true)
        let from = map.integer("from", in: 0...65535, required: true)
        let to = map.integer("to", in: 0...65535) ?? from
        guard let table, let from, let to else { return nil }
        guard to.value >= from.value else {
            file.error("'to' (\(to.value)) must not be below 'from' (\(from.value))", at: to.mark)
            return nil
        }
        return Located(value: AddressRange(table: table.value, first: from.value, last: to.value), mark: from.mark)
    }

    /// A point inside a prohibited range could never be read.
    private func checkProhibited(_ points: [ParsedPoint], _ ranges: [Located<AddressRange>]) {
        for point in points {
            guard let range = ranges.first(where: { $0.value.overlaps(point.spec.table, address: point.spec.address, count: point.spec.span) }) else { continue }
            file.error(
                "point '\(point.spec.id)' (\(point.placeDescription)) lies in the prohibited range \(range.value.table.rawValue) \(range.value.first)–\(range.value.last)\(range.mark.map { " at line \($0.line)" } ?? "")",
                at: point.addressMark
            )
        }
    }

    private func parseCommands(_ map: MapReader, points: [PointSpec]) -> [CommandSpec] {
        let parser = CommandParser(file: file, points: points)
        var seen: [String: Mark?] = [:]
        var commands: [CommandSpec] = []
        for node in map.list("commands") ?? [] {
            guard let (spec, mark) = parser.parse(node) else { continue }
            if let first = seen[spec.id] {
                file.error("command id '\(spec.id)' is already used\(first.map { " at line \($0.line)" } ?? "")", at: mark)
                continue
            }
            seen[spec.id] = mark
            commands.append(spec)
        }
        return commands
    }

    private func parseChattering(_ node: Node) -> DeviceProfile.Chattering? {
        guard let map = MapReader(node, what: "'chattering'", keys: Self.chatteringKeys, file: file) else { return nil }
        let changes = map.integer("changes", in: 2...1000, required: true)
        let within = map.duration("within", in: .seconds(1)...(.seconds(3600)))
        guard let changes else { return nil }
        return DeviceProfile.Chattering(changes: changes.value, within: within ?? .seconds(60))
    }
}
