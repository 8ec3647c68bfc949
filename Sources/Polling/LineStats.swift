import GatewayCore

/// Counters of one line (a TCP address or a serial line), for the status page and metrics.
public struct LineStats: Sendable, Equatable {
    public static let latencyBoundsMs: [Double] = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000]

    /// The line, as `tcp://host:port` or `rtu:///dev/…`.
    public var bus: String
    public var devices: Int
    /// Poll-group reads started, and those that failed.
    public var polls: UInt64 = 0
    public var failedPolls: UInt64 = 0
    /// Modbus requests sent (reads, writes, latch clears, read-backs).
    public var requests: UInt64 = 0
    /// Failed requests by kind.
    public var faults: [FaultKind: UInt64] = [:]
    /// Answers that took more than half the device's timeout.
    public var slowAnswers: UInt64 = 0
    /// Polls that came due while an earlier one was late, and were skipped.
    public var skippedPolls: UInt64 = 0
    /// Request round trips, in buckets from 1 ms to 5 s.
    public var latency = MillisecondHistogram(boundsMs: LineStats.latencyBoundsMs)
    /// Share of the recent past (the last 1 to 5 s) the line spent talking, 0…1. Near 1 the
    /// line is saturated: alarm groups keep their rate, slower groups are delayed.
    public var utilisation: Double = 0
    /// Total time spent talking since start.
    public var busyNanoseconds: UInt64 = 0
    public var commandsDone: UInt64 = 0
    public var commandsFailed: UInt64 = 0
    public var connected = false

    public init(bus: String, devices: Int) {
        self.bus = bus
        self.devices = devices
    }

    public func faultCount(_ kind: FaultKind) -> UInt64 { faults[kind] ?? 0 }
}
