import GatewayCore
import SiteConfig
import Testing

@testable import EventRouter

@Suite struct RouterStatsTests {
    @Test func countsEventsByKindRoutedUnroutedAndLatency() {
        let sink = RecordingSink()
        let router = EventRouter(routes: [RouteConfig(name: "r", kinds: ["alarm.*"], uplinks: ["p"])], uplinks: ["p"], sink: sink)
        for _ in 0..<3 { router.submit(Fixtures.event(.emergency, .critical)) }
        router.submit(Fixtures.event("gate.open", .info))
        let stats = router.stats()
        #expect(stats.events(ofKind: "alarm.emergency") == 3)
        #expect(stats.events(ofKind: "gate.open") == 1)
        #expect(stats.events(ofKind: "device.offline") == 0)
        #expect(stats.routed == 3 && stats.unrouted == 1)
        #expect(stats.latencyCount == 4)
        #expect(stats.latency.map(\.count).reduce(0, +) == 4)
        #expect(stats.latency.count == LatencyHistogram.bucketCount && stats.latency.last?.upperBoundNanoseconds == nil)
        #expect(stats.latencyBound(1.0) != nil || stats.latency.last!.count > 0)
    }

    @Test func histogramBucketsArePowersOfTwo() {
        var histogram = LatencyHistogram()
        for ns: UInt64 in [0, 255, 256, 511, 512, 1_000_000, UInt64.max] { histogram.record(ns) }
        #expect(histogram.counts[0] == 2)
        #expect(histogram.counts[1] == 2)
        #expect(histogram.counts[2] == 1)
        #expect(histogram.counts[12] == 1, "1 ms is under 2^20 ns")
        #expect(histogram.counts[LatencyHistogram.bucketCount - 1] == 1)
        #expect(histogram.total == 7)
    }
}
