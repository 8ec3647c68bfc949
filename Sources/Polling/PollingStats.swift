/// A point-in-time copy of every line's and device's counters (`PollingService.stats()`).
public struct PollingStats: Sendable, Equatable {
    public var lines: [LineStats]
    /// In site order.
    public var devices: [DevicePollStats]

    public func device(_ id: String) -> DevicePollStats? { devices.first { $0.snapshot.device == id } }
    public func line(_ bus: String) -> LineStats? { lines.first { $0.bus == bus } }
}
