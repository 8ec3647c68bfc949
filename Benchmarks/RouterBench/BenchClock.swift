import EventRouter
import GatewayCore

/// The router's clock in every run: real monotonic time, and a wall clock that starts at
/// the same instant each run (Tuesday 2026-11-24 10:00 in Beijing: school hours, not
/// night) and moves with it. Which scheduled routes are in force then does not depend on
/// when the benchmark runs.
struct BenchClock: RouterClock {
    static let start: Int64 = 1_764_036_000_000  // 2026-11-24T02:00:00Z
    private let origin = WallClock.monotonicNanoseconds()

    func wallMilliseconds() -> Int64 { Self.start + Int64((WallClock.monotonicNanoseconds() - origin) / 1_000_000) }
    func monotonicNanoseconds() -> UInt64 { WallClock.monotonicNanoseconds() }
}
