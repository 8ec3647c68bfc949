/// How urgent an event is. Each severity maps to one priority lane; GB/T 28181 numbers
/// priorities 1 (emergency) to 4 (status), and so do we.
public enum Severity: String, Sendable, CaseIterable, Comparable, Codable {
    case critical
    case major
    case minor
    case info

    /// 1 = emergency … 4 = status. Lower number leaves first.
    public var priority: Int {
        switch self {
        case .critical: 1
        case .major: 2
        case .minor: 3
        case .info: 4
        }
    }

    /// Lane index 0…3, for arrays of lanes.
    public var lane: Int { priority - 1 }

    public static func < (lhs: Severity, rhs: Severity) -> Bool {
        // "Less" means less urgent, so `severity >= .major` reads naturally.
        lhs.priority > rhs.priority
    }
}
