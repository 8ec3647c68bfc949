/// Request round-trip times in fixed buckets: cheap to record on the line thread, and the
/// shape Prometheus histograms take.
public struct LatencyHistogram: Sendable, Equatable {
    /// Upper bounds of the buckets, in milliseconds; one more bucket counts the rest.
    public static let boundsMs: [Double] = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000]

    /// `counts[i]`: answers that took at most `boundsMs[i]` and more than the bound before;
    /// the last entry counts those above every bound.
    public private(set) var counts = [UInt64](repeating: 0, count: LatencyHistogram.boundsMs.count + 1)
    public private(set) var total: UInt64 = 0
    public private(set) var sumMs: Double = 0

    public init() {}

    public mutating func record(nanoseconds: UInt64) {
        let ms = Double(nanoseconds) / 1_000_000
        let index = Self.boundsMs.firstIndex { ms <= $0 } ?? Self.boundsMs.count
        counts[index] += 1
        total += 1
        sumMs += ms
    }

    /// The bucket bound below which `q` (0…1) of the answers fall; nil before any answer,
    /// infinity when they fall above the last bound.
    public func quantileMs(_ q: Double) -> Double? {
        guard total > 0 else { return nil }
        let rank = UInt64((Double(total) * q).rounded(.up))
        var seen: UInt64 = 0
        for (i, count) in counts.enumerated() {
            seen += count
            if seen >= max(rank, 1) { return i < Self.boundsMs.count ? Self.boundsMs[i] : .infinity }
        }
        return .infinity
    }
}
