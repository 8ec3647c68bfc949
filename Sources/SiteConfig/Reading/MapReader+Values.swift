import Yams

/// Typed getters: `nil` means absent or wrong, and wrong has been reported.
extension MapReader {
    private func node(_ key: String, _ required: Bool) -> Node? {
        required ? self.required(key) : value(key)
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
        value(key).flatMap { file.number($0, "'\(key)'") }
    }

    func duration(_ key: String, in range: ClosedRange<Duration>) -> Duration? {
        value(key).flatMap { file.duration($0, "'\(key)'", in: range) }
    }

    func choice<Choice: RawRepresentable & CaseIterable>(_ key: String, as type: Choice.Type, required: Bool = false) -> Located<Choice>?
    where Choice.RawValue == String {
        guard let node = node(key, required) else { return nil }
        return file.choice(node, "'\(key)'", as: type).map { Located(value: $0, mark: node.mark) }
    }

    func list(_ key: String, required: Bool = false) -> [Node]? {
        node(key, required).flatMap { file.list($0, "'\(key)'") }
    }

    func textList(_ key: String) -> [Located<String>]? {
        value(key).flatMap { file.textList($0, "'\(key)'") }
    }
}
