import BenchSupport

/// Latency figures of one run, in milliseconds.
struct LatencyStats {
    var flips: Int
    /// Control reply `ok` → subscriber.
    var endToEnd: LatencySummary?
    /// Control reply `ok` → the broker's PUBACK to the gateway (delivery trace).
    var toAcknowledgement: LatencySummary?
    /// Control reply `ok` → the poll response that showed the change: the poll floor.
    var toObserved: LatencySummary?
    /// Poll response → publish: the gateway's own share (decode, track, route, journal,
    /// uplink queue, `mosquitto_publish`).
    var gatewayShare: LatencySummary?
    /// The share's two parts: poll response → the journal's commit returned (router, journal
    /// queue, SQLite commit with its fsync), and commit → publish (uplink lane, publisher).
    var toCommitted: LatencySummary?
    var committedToPublish: LatencySummary?
    /// Publish → PUBACK: libmosquitto's network thread, the broker, the way back.
    var publishToAcknowledgement: LatencySummary?
    /// Event `ts` (wall-clock ms of the poll that saw the change) → subscriber.
    var pipeline: LatencySummary?
    /// Control command → `ok`: the uncertainty of each flip's start time.
    var controlRoundTrip: LatencySummary?
    /// Matched flips with no line in the delivery trace (should be 0).
    var untraced: Int
    var lost: Int
    var late: Int
    var unmatched: Int
    var offlineEvents: Int
    var onlineEvents: Int

    init(probe: LatencyProbe, trace: DeliveryTraceFile?) {
        flips = probe.flips
        let samples = probe.samples
        func ms(_ values: [Int64]) -> LatencySummary? { LatencySummary(values.map { Double($0) / 1e6 }) }
        func signed(_ a: UInt64, minus b: UInt64) -> Int64 { Int64(bitPattern: a &- b) }
        endToEnd = ms(samples.map(\.latencyNs))
        pipeline = ms(samples.compactMap(\.pipelineNs))
        controlRoundTrip = ms(probe.roundTripsNs.map { Int64($0) })
        let traced = samples.compactMap { sample in trace?.lines[sample.eventID].map { (sample, $0) } }
        untraced = samples.count - traced.count
        toAcknowledgement = ms(traced.map { signed($0.1.pubackNs, minus: $0.0.flip.sentNs) })
        toObserved = ms(traced.map { signed($0.1.observedNs, minus: $0.0.flip.sentNs) })
        gatewayShare = ms(traced.map { signed($0.1.publishNs, minus: $0.1.observedNs) })
        toCommitted = ms(traced.map { signed($0.1.committedNs, minus: $0.1.observedNs) })
        committedToPublish = ms(traced.map { signed($0.1.publishNs, minus: $0.1.committedNs) })
        publishToAcknowledgement = ms(traced.map { signed($0.1.pubackNs, minus: $0.1.publishNs) })
        lost = probe.lost.count
        late = probe.late
        unmatched = probe.unmatched
        offlineEvents = probe.offlineEvents
        onlineEvents = probe.onlineEvents
    }
}
