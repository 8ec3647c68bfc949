import GatewayCore

extension PointValue {
    /// Whether a stored value can stand for a fresh one (same case: a profile edit that
    /// turned a bool into a number makes the old record meaningless).
    func isComparable(to other: PointValue) -> Bool {
        switch (self, other) {
        case (.bool, .bool), (.int, .int), (.double, .double): true
        default: false
        }
    }
}
