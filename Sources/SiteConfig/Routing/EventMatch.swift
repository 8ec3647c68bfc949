import GatewayCore

/// Which events a route or a linkage rule applies to. Every condition given must hold;
/// an empty list means "any".
public struct EventMatch: Sendable, Equatable {
    /// Kind patterns: exact (`alarm.emergency`), a prefix wildcard (`alarm.*`) or `*`.
    public var kinds: [String]
    /// Lowest severity that matches (`major` matches `major` and `critical`).
    public var minSeverity: Severity
    /// Device ids; empty means every device.
    public var devices: [String]
    /// The device must carry at least one of these tags; empty means any.
    public var tags: [String]
    /// The device's `location` must be one of these; empty means any.
    public var locations: [String]
    /// Event states that match; empty means both.
    public var states: [EventState]
    /// Name of a schedule that must be active; nil means always.
    public var schedule: String?

    public init(
        kinds: [String] = ["*"], minSeverity: Severity = .info, devices: [String] = [], tags: [String] = [],
        locations: [String] = [], states: [EventState] = [], schedule: String? = nil
    ) {
        self.kinds = kinds
        self.minSeverity = minSeverity
        self.devices = devices
        self.tags = tags
        self.locations = locations
        self.states = states
        self.schedule = schedule
    }

    /// Whether `pattern` matches `kind`: `*`, an exact kind, or `prefix.*` matching
    /// `prefix.` and anything after it.
    public static func pattern(_ pattern: String, matches kind: String) -> Bool {
        if pattern == "*" { return true }
        if pattern.hasSuffix(".*") { return kind.hasPrefix(pattern.dropLast(1)) }
        return pattern == kind
    }
}
