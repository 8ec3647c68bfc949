/// The gateway's resident set over a long run, and how fast it grows after a warm-up.
struct RSSTrend: Codable, Sendable {
    /// (seconds since the start, VmRSS kB).
    private(set) var samples: [Sample] = []
    let warmUpSeconds: Double

    struct Sample: Codable, Sendable {
        var seconds: Double
        var rssKB: Int
    }

    init(warmUpSeconds: Double) { self.warmUpSeconds = warmUpSeconds }

    mutating func add(seconds: Double, rssKB: Int) { samples.append(Sample(seconds: seconds, rssKB: rssKB)) }

    private var steady: [Sample] { samples.filter { $0.seconds >= warmUpSeconds } }

    /// Least-squares slope of VmRSS after the warm-up, in MB (10^6 bytes) per hour; nil
    /// with fewer than 3 samples.
    var growthMBPerHour: Double? {
        let points = steady
        guard points.count >= 3 else { return nil }
        let n = Double(points.count)
        let meanX = points.reduce(0) { $0 + $1.seconds } / n
        let meanY = points.reduce(0) { $0 + Double($1.rssKB) } / n
        var covariance = 0.0, variance = 0.0
        for p in points {
            covariance += (p.seconds - meanX) * (Double(p.rssKB) - meanY)
            variance += (p.seconds - meanX) * (p.seconds - meanX)
        }
        guard variance > 0 else { return nil }
        return covariance / variance * 3600 * 1024 / 1e6
    }

    var firstSteadyMiB: Double? { steady.first.map { Double($0.rssKB) / 1024 } }
    var lastMiB: Double? { samples.last.map { Double($0.rssKB) / 1024 } }
    var maxMiB: Double? { samples.map(\.rssKB).max().map { Double($0) / 1024 } }
}
