/// A decoded point value.
public enum PointValue: Sendable, Equatable, Hashable, CustomStringConvertible {
    case bool(Bool)
    case int(Int64)
    case double(Double)

    public var description: String {
        switch self {
        case .bool(let b): b ? "true" : "false"
        case .int(let i): String(i)
        case .double(let d): String(d)
        }
    }

    /// Whether the value counts as "on" for edge detection.
    public var isActive: Bool {
        switch self {
        case .bool(let b): b
        case .int(let i): i != 0
        case .double(let d): d != 0
        }
    }
}
