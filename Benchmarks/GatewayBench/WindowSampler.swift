import Foundation
import BenchSupport
import GatewayCore

/// The measurement window's once-a-second duties, whatever the scenario: every process of
/// the rig still running, and one resource sample.
struct WindowSampler {
    private var sampler: ResourceSampler
    private let rig: [Spawned]
    private(set) var nextDueNs: UInt64

    /// Starts the window now.
    init(gateway: Spawned, rig: [Spawned], others: [(String, pid_t)]) throws(BenchError) {
        sampler = try ResourceSampler(gateway: gateway.pid, others: others.map { (name: $0.0, pid: $0.1) })
        self.rig = rig
        nextDueNs = WallClock.monotonicNanoseconds() + 1_000_000_000
    }

    /// Samples when a second has passed since the last sample.
    mutating func tick() throws(BenchError) {
        guard WallClock.monotonicNanoseconds() >= nextDueNs else { return }
        for process in rig { try process.requireRunning() }
        try sampler.sample()
        nextDueNs += 1_000_000_000
    }

    mutating func finish() throws(BenchError) -> ResourceSummary { try sampler.finish() }
}
