/// Latency figures of one run, in milliseconds.
struct LatencyStats {
    struct Summary {
        var count: Int
        var min: Double
        var p50: Double
        var p90: Double
        var p99: Double
        var max: Double
        var mean: Double
        /// Samples above 10 ms.
        var over10ms: Int

        /// Nearest-rank percentiles of `values` (ms).
        init?(_ values: [Double]) {
            guard !values.isEmpty else { return nil }
            let sorted = values.sorted()
            func rank(_ p: Double) -> Double {
                let index = Int((p * Double(sorted.count)).rounded(.up)) - 1
                return sorted[Swift.max(0, Swift.min(sorted.count - 1, index))]
            }
            count = sorted.count
            min = sorted[0]
            p50 = rank(0.50)
            p90 = rank(0.90)
            p99 = rank(0.99)
            max = sorted[sorted.count - 1]
            mean = sorted.reduce(0, +) / Double(sorted.count)
            over10ms = sorted.count { $0 > 10 }
        }
    }

    var flips: Int
    /// Control reply `ok` → subscriber.
    var endToEnd: Summary?
    /// Event `ts` (wall-clock ms of the poll that saw the change) → subscriber.
    var pipeline: Summary?
    /// Control command → `ok`: the uncertainty of each flip's start time.
    var controlRoundTrip: Summary?
    var lost: Int
    var late: Int
    var unmatched: Int
    var offlineEvents: Int
    var onlineEvents: Int

    init(
        flips: Int, latenciesNs: [Int64], pipelineNs: [Int64], roundTripsNs: [UInt64], lost: Int, late: Int, unmatched: Int,
        offlineEvents: Int, onlineEvents: Int
    ) {
        self.flips = flips
        endToEnd = Summary(latenciesNs.map { Double($0) / 1e6 })
        pipeline = Summary(pipelineNs.map { Double($0) / 1e6 })
        controlRoundTrip = Summary(roundTripsNs.map { Double($0) / 1e6 })
        self.lost = lost
        self.late = late
        self.unmatched = unmatched
        self.offlineEvents = offlineEvents
        self.onlineEvents = onlineEvents
    }
}
