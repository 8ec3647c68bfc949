/// Durations in fixed millisecond buckets: cheap to record on the thread that measured
/// them, and the shape Prometheus histograms take. Poll round trips and broker
/// acknowledgements use it, each with its own bounds.
public struct MillisecondHistogram: Sendable, Equatable {
    /// Upper bounds of the buckets, in milliseconds; one more bucket counts the rest.
    public let boundsMs: [Double]
    /// `counts[i]`: durations at most `boundsMs[i]` and more than the bound before; the
    /// last entry counts those above every bound. Not cumulative.
    public private(set) var counts: [UInt64]
    public private(set) var total: UInt64 = 0
    public private(set) var sumMs: Double = 0

    public init(boundsMs: [Double]) {
        self.boundsMs = boundsMs
        counts = [UInt64](repeating: 0, count: boundsMs.count + 1)
    }

    public mutating func record(nanoseconds: UInt64) {
        let ms = Double(nanoseconds) / 1_000_000
        let index = boundsMs.firstIndex { ms <= $0 } ?? boundsMs.count
        counts[index] += 1
        total += 1
        sumMs += ms
    }

    /// The bucket bound below which `q` (0…1) of the durations fall; nil before any,
    /// infinity when they fall above the last bound.
    public func quantileMs(_ q: Double) -> Double? {
        guard total > 0 else { return nil }
        let rank = UInt64((Double(total) * q).rounded(.up))
        var seen: UInt64 = 0
        for (i, count) in counts.enumerated() {
            seen += count
            if seen >= max(rank, 1) { return i < boundsMs.count ? boundsMs[i] : .infinity }
        }
        return .infinity
    }
}
