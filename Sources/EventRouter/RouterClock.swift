import GatewayCore

/// The router's two clocks: wall-clock milliseconds (event ids, schedules) and monotonic
/// nanoseconds (flood windows, cool-downs, latency). Tests substitute a manual clock.
public protocol RouterClock: Sendable {
    func wallMilliseconds() -> Int64
    func monotonicNanoseconds() -> UInt64
}

/// The system's clocks.
public struct SystemRouterClock: RouterClock {
    public init() {}
    @inline(__always) public func wallMilliseconds() -> Int64 { WallClock.nowMilliseconds() }
    @inline(__always) public func monotonicNanoseconds() -> UInt64 { WallClock.monotonicNanoseconds() }
}
