import EventRouter
import GatewayCore
import SiteConfig

/// Producer-to-uplink-queue latency under a steady load: `producers` threads, each
/// submitting at `rate / producers` events per second on an absolute timetable, into the
/// router and on through `UplinkFanOut` into four uplink `LaneQueue`s, each drained by a
/// consumer thread. Each event carries its submit time; the sink takes the difference
/// once the event is in every uplink queue it goes to.
struct LatencyRun {
    struct Result {
        var sorted: [UInt64]
        var achievedRate: Double
        var allocationsPerEvent: Double
        var stats: RouterStats
    }

    let bench: BenchSite
    let producers: Int
    let rate: Int
    let seconds: Double
    /// Events a producer submits back to back each time it wakes: 1 spaces every event
    /// evenly; a bus worker emits the events of one poll together.
    let burst: Int

    func run() throws -> Result {
        let uplinks = bench.site.uplinks.map { _ in QueueUplink() }
        let perProducer = Int(Double(rate) * seconds) / producers
        let sink = MeasuringFanOut(uplinks: uplinks, capacity: perProducer * producers + 4096)
        let router = EventRouter(
            routing: bench.site.routing, devices: bench.site.devices, uplinks: bench.site.uplinks.map(\.name), sink: sink, clock: BenchClock())
        let stop = LaneQueue<Int>()
        let consumers = try uplinks.enumerated().map { index, uplink in
            try DedicatedThread(name: "bench-uplink-\(index)") {
                // A busy publisher takes what has piled up each round rather than waking for
                // every event: here, every millisecond.
                while stop.count == 0 {
                    Measure.sleep(untilMonotonic: WallClock.monotonicNanoseconds() + 1_000_000)
                    while uplink.queue.popFirst() != nil {}
                }
            }
        }
        let mix = bench.events
        // Warm-up events carry no submit time and are not measured.
        for event in mix { router.submit(event) }
        let gap = UInt64(1e9 * Double(producers * burst) / Double(rate))
        let allocationsBefore = Measure.allocations()
        let start = WallClock.monotonicNanoseconds() + 10_000_000
        let threads = try (0..<producers).map { p in
            try DedicatedThread(name: "bench-producer-\(p)") {
                var due = start + UInt64(p) * gap / UInt64(producers)
                var i = p * 512
                for n in 0..<perProducer {
                    if n % burst == 0 {
                        Measure.sleep(untilMonotonic: due)
                        due += gap
                    }
                    var event = mix[i & (mix.count - 1)]
                    event.timestamp = Int64(WallClock.monotonicNanoseconds())
                    router.submit(event)
                    i += 1
                }
            }
        }
        for thread in threads { thread.join() }
        let elapsed = WallClock.monotonicNanoseconds() - start
        let allocations = Measure.allocations() - allocationsBefore
        stop.push(1, lane: 0)
        for consumer in consumers { consumer.join() }
        let total = perProducer * producers
        return Result(
            sorted: sink.latencies.sorted(), achievedRate: Double(total) / (Double(elapsed) / 1e9),
            allocationsPerEvent: Double(allocations) / Double(total), stats: router.stats())
    }
}
