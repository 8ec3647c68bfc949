import Yams

/// Typed getters: `nil` means absent or wrong, and wrong has been reported.
extension MapReader {
    private func node(_ key: String, _ required: Bool) -> Node? {
        required ? self.required(key) : optional(key)
    }

    func text(_ key: String, required: Bool = false) -> Located<String>? {
        guard let node = node(key, required) else { return nil }
        return file.text(node, "'\(key)'").map { Located(value: $0, mark: node.mark) }
    }

    func integer(_ key: String, in range: ClosedRange<Int>, required: Bool = false) -> Located<Int>? {
        guard let node = node(key, required) else { return nil }
        return file.integer(node, "'\(key)'", in: range).map { Located(value: $0, mark: node.mark) }
    }

    func number(_ key: String) -> Double? {
        optional(key).flatMap { file.number($0, "'\(key)'") }
    }

    func duration(_ key: String, in range: ClosedRange<Duration>) -> Duration? {
        optional(key).flatMap { file.duration($0, "'\(key)'", in: range) }
    }

    func choice<Choice: RawRepresentable & CaseIterable>(_ key: String, as type: Choice.Type, required: Bool = false) -> Located<Choice>?
    where Choice.RawValue == String {
        guard let node = node(key, required) else { return nil }
        return file.choice(node, "'\(key)'", as: type).map { Located(value: $0, mark: node.mark) }
    }

    /// An optional list written as `key:` with nothing is empty: that is what is left
    /// when every entry under it has been commented out.
    func list(_ key: String, required: Bool = false) -> [Node]? {
        if !required, value(key)?.isNull == true { return [] }
        return node(key, required).flatMap { file.list($0, "'\(key)'") }
    }

    func textList(_ key: String) -> [Located<String>]? {
        if value(key)?.isNull == true { return [] }
        return optional(key).flatMap { file.textList($0, "'\(key)'") }
    }
}
