/// How long the broker took to acknowledge events (publish to PUBACK), as histogram
/// buckets for the status page and Prometheus.
public struct AcknowledgementLatency: Sendable, Equatable {
    /// Upper bounds of the buckets, in milliseconds; the last bucket is everything above.
    public static let boundsMilliseconds: [Int64] = [1, 5, 10, 25, 50, 100, 250, 500, 1000, 5000]

    /// `counts[i]` events took at most `boundsMilliseconds[i]` (and more than the bound
    /// before); `counts.last` took longer than every bound. Not cumulative.
    public private(set) var counts = [UInt64](repeating: 0, count: boundsMilliseconds.count + 1)
    public private(set) var sumMilliseconds: Double = 0

    public init() {}

    public var total: UInt64 { counts.reduce(0, +) }

    /// Events that took at most each bound, then all of them: Prometheus's cumulative `le`
    /// buckets (the last is `+Inf`).
    public var cumulativeCounts: [UInt64] {
        var running: UInt64 = 0
        return counts.map { count in
            running += count
            return running
        }
    }

    mutating func record(nanoseconds: UInt64) {
        let ms = Double(nanoseconds) / 1e6
        sumMilliseconds += ms
        let index = Self.boundsMilliseconds.firstIndex { ms <= Double($0) } ?? Self.boundsMilliseconds.count
        counts[index] += 1
    }
}
