/// Routing latency in power-of-two buckets: recording is a bit count and an increment.
/// Bucket 0 holds latencies under 256 ns, bucket `i` those under `2^(8+i)` ns; the last
/// bucket is everything from about 134 ms up.
struct LatencyHistogram: Sendable {
    static let bucketCount = 21
    private(set) var counts = [UInt64](repeating: 0, count: LatencyHistogram.bucketCount)
    private(set) var sum: UInt64 = 0
    private(set) var total: UInt64 = 0

    /// Upper bound of each bucket in nanoseconds (exclusive); nil for the last.
    static var upperBounds: [UInt64?] {
        (0..<bucketCount).map { $0 == bucketCount - 1 ? nil : UInt64(1) << UInt64(8 + $0) }
    }

    @inline(__always)
    mutating func record(_ nanoseconds: UInt64) {
        let bits = 64 - (nanoseconds | 1).leadingZeroBitCount
        let bucket = min(max(bits - 8, 0), Self.bucketCount - 1)
        counts[bucket] &+= 1
        sum &+= nanoseconds
        total &+= 1
    }
}
