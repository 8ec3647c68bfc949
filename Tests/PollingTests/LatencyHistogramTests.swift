import GatewayCore
import Testing

@testable import Polling

@Suite struct LatencyHistogramTests {
    @Test func quantilesAreBucketBounds() {
        var histogram = MillisecondHistogram(boundsMs: LineStats.latencyBoundsMs)
        #expect(histogram.quantileMs(0.5) == nil)
        for _ in 0..<98 { histogram.record(nanoseconds: 400_000) }  // 0.4 ms
        histogram.record(nanoseconds: 15_000_000)  // 15 ms
        histogram.record(nanoseconds: 9_000_000_000)  // 9 s, above every bound
        #expect(histogram.total == 100)
        #expect(histogram.quantileMs(0.5) == 1)
        #expect(histogram.quantileMs(0.99) == 20)
        #expect(histogram.quantileMs(1) == .infinity)
        #expect(histogram.counts.last == 1)
        #expect(abs(histogram.sumMs - (98 * 0.4 + 15 + 9000)) < 1e-6)
    }
}
