import EventRouter
import GatewayCore

/// The machine's own floor for the latency run: the same producer threads on the same
/// timetable, doing nothing but noting how late each wake-up came. When the kernel cannot
/// keep that timetable, no router behind it can either.
struct WakeUpRun {
    let producers: Int
    let wakeUpsPerSecond: Int
    let seconds: Double

    /// Sorted lateness of every wake-up, in nanoseconds.
    func run() throws -> [UInt64] {
        let perProducer = Int(Double(wakeUpsPerSecond) * seconds) / producers
        let gap = UInt64(1e9 * Double(producers) / Double(wakeUpsPerSecond))
        let start = WallClock.monotonicNanoseconds() + 10_000_000
        let results = LaneQueue<[UInt64]>()
        let threads = try (0..<producers).map { p in
            try DedicatedThread(name: "bench-wake-\(p)") {
                var lateness = [UInt64]()
                lateness.reserveCapacity(perProducer)
                var due = start + UInt64(p) * gap / UInt64(producers)
                for _ in 0..<perProducer {
                    Measure.sleep(untilMonotonic: due)
                    lateness.append(WallClock.monotonicNanoseconds() &- due)
                    due += gap
                }
                results.push(lateness, lane: 0)
            }
        }
        for thread in threads { thread.join() }
        var all: [UInt64] = []
        while let batch = results.popFirst() { all += batch.element }
        return all.sorted()
    }
}
