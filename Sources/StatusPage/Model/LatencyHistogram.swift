/// Counts of durations in fixed buckets, cumulative since start: the shape Prometheus
/// histograms have, so `/metrics` exports it as is.
public struct LatencyHistogram: Sendable, Codable, Equatable {
    /// Upper bounds in seconds, ascending; a last, unbounded bucket follows.
    public static let defaultBounds: [Double] = [0.0001, 0.0005, 0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1, 5]

    public var bounds: [Double]
    /// Observations per bucket, not cumulative; one more than `bounds` (the overflow).
    public var counts: [UInt64]
    /// Seconds.
    public var sum: Double

    public init(bounds: [Double] = LatencyHistogram.defaultBounds) {
        self.bounds = bounds
        self.counts = Array(repeating: 0, count: bounds.count + 1)
        self.sum = 0
    }

    public var count: UInt64 { counts.reduce(0, +) }

    public mutating func record(seconds: Double) {
        var bucket = bounds.count
        for (index, bound) in bounds.enumerated() where seconds <= bound {
            bucket = index
            break
        }
        counts[bucket] += 1
        sum += seconds
    }

    public mutating func record(nanoseconds: UInt64) {
        record(seconds: Double(nanoseconds) / 1e9)
    }

    /// An estimate of quantile `q` (0…1): the upper bound of the bucket it falls in.
    public func quantile(_ q: Double) -> Double? {
        let total = count
        guard total > 0 else { return nil }
        let target = UInt64((Double(total) * q).rounded(.up))
        var seen: UInt64 = 0
        for (index, n) in counts.enumerated() {
            seen += n
            if seen >= max(target, 1) { return index < bounds.count ? bounds[index] : .infinity }
        }
        return .infinity
    }
}
