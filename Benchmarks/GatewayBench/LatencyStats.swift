import BenchSupport

/// Latency figures of one run, in milliseconds.
struct LatencyStats {
    var flips: Int
    /// Control reply `ok` → subscriber.
    var endToEnd: LatencySummary?
    /// Event `ts` (wall-clock ms of the poll that saw the change) → subscriber.
    var pipeline: LatencySummary?
    /// Control command → `ok`: the uncertainty of each flip's start time.
    var controlRoundTrip: LatencySummary?
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
        endToEnd = LatencySummary(latenciesNs.map { Double($0) / 1e6 })
        pipeline = LatencySummary(pipelineNs.map { Double($0) / 1e6 })
        controlRoundTrip = LatencySummary(roundTripsNs.map { Double($0) / 1e6 })
        self.lost = lost
        self.late = late
        self.unmatched = unmatched
        self.offlineEvents = offlineEvents
        self.onlineEvents = onlineEvents
    }
}
