import EventRouter
import GatewayCore
import SiteConfig

/// Routing throughput on one thread: the same events submitted back to back, every one
/// routed (flood control off unless asked), into a sink that only counts. Heap
/// allocations are counted over the timed loop.
struct ThroughputRun {
    struct Result {
        var eventsPerSecond: Double
        var nanosecondsPerEvent: Double
        var allocationsPerEvent: Double
        var allocations: UInt64
        var events: Int
        var destinationsPerEvent: Double
        var stats: RouterStats
    }

    let bench: BenchSite
    let events: Int
    /// Hand events on to four uplink queues (drained every 4 096 events, in the timed
    /// loop) instead of a counting sink.
    var throughQueues = false

    func run() -> Result {
        let sink = CountingSink()
        let queues = bench.site.uplinks.map { _ in QueueUplink() }
        let router = EventRouter(
            routing: bench.site.routing, devices: bench.site.devices, uplinks: bench.site.uplinks.map(\.name),
            sink: throughQueues ? UplinkFanOut(queues) : sink, clock: BenchClock())
        let mix = bench.events
        // Warm up: every kind seen, every deque and table at its working size.
        for event in mix { router.submit(event) }
        let allocationsBefore = Measure.allocations()
        let start = WallClock.monotonicNanoseconds()
        var i = 0
        for _ in 0..<events {
            router.submit(mix[i])
            i = (i + 1) & (mix.count - 1)
            if throughQueues, i == 0 { for queue in queues { while queue.queue.popFirst() != nil {} } }
        }
        let elapsed = WallClock.monotonicNanoseconds() - start
        let allocations = Measure.allocations() - allocationsBefore
        let seconds = Double(elapsed) / 1e9
        return Result(
            eventsPerSecond: Double(events) / seconds, nanosecondsPerEvent: Double(elapsed) / Double(events),
            allocationsPerEvent: Double(allocations) / Double(events), allocations: allocations, events: events,
            destinationsPerEvent: throughQueues ? 0 : Double(sink.uplinkBits) / Double(sink.count), stats: router.stats())
    }
}
