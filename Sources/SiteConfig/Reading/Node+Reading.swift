import Yams

extension Node {
    /// True for `~`, `null` and a key with nothing after it: "not given".
    var isNull: Bool {
        guard case .scalar(let scalar) = self, scalar.style == .plain || scalar.style == .any else { return false }
        return ["", "~", "null", "Null", "NULL"].contains(scalar.string)
    }

    /// What the node is, as a technician would say it, for "expected X, found Y".
    var kindDescription: String {
        switch self {
        case .mapping: "a map"
        case .sequence: "a list"
        case .scalar(let scalar) where isNull && scalar.string.isEmpty: "nothing"
        case .scalar(let scalar): "the value '\(scalar.string)'"
        case .alias: "an alias"
        }
    }

    /// True when the scalar was written in quotes, so it is text whatever it looks like.
    var isQuoted: Bool {
        guard case .scalar(let scalar) = self else { return false }
        return scalar.style == .singleQuoted || scalar.style == .doubleQuoted
    }
}
