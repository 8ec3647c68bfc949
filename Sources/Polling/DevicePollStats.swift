import GatewayCore

/// One device as the status page shows it: its published state and how polling it goes.
public struct DevicePollStats: Sendable, Equatable {
    public var snapshot: DeviceSnapshot
    /// The line it is on.
    public var bus: String
    /// UTC ms of the last successful poll; 0 before the first.
    public var lastPollMs: Int64 = 0
    /// Failed polls in a row now.
    public var failedPolls: Int = 0
    public var polls: UInt64 = 0
    /// Failed requests by kind.
    public var faults: [FaultKind: UInt64] = [:]

    public init(snapshot: DeviceSnapshot, bus: String) {
        self.snapshot = snapshot
        self.bus = bus
    }
}
