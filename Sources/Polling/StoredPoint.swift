import GatewayCore

/// What the state file remembers of one point: the value and alarm platforms last heard of.
public struct StoredPoint: Sendable, Equatable {
    public var value: PointValue
    public var alarm: Bool

    public init(value: PointValue, alarm: Bool) {
        self.value = value
        self.alarm = alarm
    }
}
