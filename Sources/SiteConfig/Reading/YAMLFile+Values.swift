import Yams

/// Typed reading of single values. Each reader reports what is wrong at the value and
/// returns nil, so the caller just skips what it could not read and goes on.
/// `label` names the value in messages, usually the key: `'unit'`.
extension YAMLFile {
    /// Any scalar as written: `id: 0123` stays "0123", `location: yes` stays "yes".
    func text(_ node: Node, _ label: String) -> String? {
        guard case .scalar(let scalar) = node else {
            error("\(label) must be a single value, found \(node.kindDescription)", at: node.mark)
            return nil
        }
        if node.isNull {
            error("\(label) needs a value", at: node.mark)
            return nil
        }
        return scalar.string
    }

    /// A whole number, decimal or `0x` hex (register maps are often printed in hex).
    func integer(_ node: Node, _ label: String, in range: ClosedRange<Int>) -> Int? {
        guard let text = text(node, label) else { return nil }
        guard !node.isQuoted, let value = Self.parseInteger(text) else {
            let hint = node.isQuoted && Self.parseInteger(text) != nil ? "; write it without quotes" : ""
            error("\(label) must be a whole number, found '\(text)'\(hint)", at: node.mark)
            return nil
        }
        guard range.contains(value) else {
            error("\(label) must be between \(range.lowerBound) and \(range.upperBound), found \(value)", at: node.mark)
            return nil
        }
        return value
    }

    /// A decimal number such as `0.1`, `-40` or `1e-3`.
    func number(_ node: Node, _ label: String) -> Double? {
        guard let text = text(node, label) else { return nil }
        guard !node.isQuoted, let value = Double(text), value.isFinite else {
            error("\(label) must be a number, found '\(text)'", at: node.mark)
            return nil
        }
        return value
    }

    func duration(_ node: Node, _ label: String, in range: ClosedRange<Duration>) -> Duration? {
        guard let text = text(node, label) else { return nil }
        guard let value = DurationParser.parse(text) else {
            error("\(label): \(DurationParser.expectation), found '\(text)'", at: node.mark)
            return nil
        }
        guard range.contains(value) else {
            let low = DurationParser.format(range.lowerBound), high = DurationParser.format(range.upperBound)
            error("\(label) must be between \(low) and \(high), found \(DurationParser.format(value))", at: node.mark)
            return nil
        }
        return value
    }

    /// One of a fixed set of words, e.g. a table or a severity.
    func choice<Choice: RawRepresentable & CaseIterable>(_ node: Node, _ label: String, as type: Choice.Type = Choice.self) -> Choice?
    where Choice.RawValue == String {
        guard let text = text(node, label) else { return nil }
        if let value = Choice(rawValue: text) { return value }
        let names = Choice.allCases.map(\.rawValue)
        error(
            "\(label) must be one of \(names.joined(separator: ", ")), found '\(text)'\(Spelling.hint(for: text, in: names))",
            at: node.mark
        )
        return nil
    }

    func list(_ node: Node, _ label: String) -> [Node]? {
        guard case .sequence(let sequence) = node else {
            error("\(label) must be a list, found \(node.kindDescription)", at: node.mark)
            return nil
        }
        return Array(sequence)
    }

    /// A list of single values; entries that are not are reported and left out.
    func textList(_ node: Node, _ label: String) -> [Located<String>]? {
        guard let items = list(node, label) else { return nil }
        return items.compactMap { item in
            text(item, "each entry of \(label)").map { Located(value: $0, mark: item.mark) }
        }
    }

    static func parseInteger(_ text: String) -> Int? {
        let lower = text.lowercased()
        if lower.hasPrefix("0x") { return Int(lower.dropFirst(2), radix: 16) }
        guard lower.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == "-" || $0 == "+") }) else { return nil }
        return Int(lower)
    }
}
