import Foundation

/// Writes already-bucketed histograms in Prometheus text format 0.0.4: cumulative `_bucket`
/// lines ending with `le="+Inf"`, then `_sum` and `_count`, one `# TYPE` per name.
struct PrometheusHistogramText {
    private(set) var text = ""
    private var typed: Set<String> = []

    mutating func add(_ name: String, labels: [(String, String)], _ histogram: LatencyHistogram) {
        if typed.insert(name).inserted { text += "# TYPE \(name) histogram\n" }
        let base = labels.map { "\($0.0)=\"\(Self.escape($0.1))\"" }
        var cumulative: UInt64 = 0
        for (index, count) in histogram.counts.enumerated() {
            cumulative += count
            let bound = index < histogram.bounds.count ? Self.number(histogram.bounds[index]) : "+Inf"
            text += "\(name)_bucket{\((base + ["le=\"\(bound)\""]).joined(separator: ","))} \(cumulative)\n"
        }
        let suffix = base.isEmpty ? "" : "{\(base.joined(separator: ","))}"
        text += "\(name)_sum\(suffix) \(Self.number(histogram.sum))\n"
        text += "\(name)_count\(suffix) \(cumulative)\n"
    }

    static func number(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : String(value)
    }

    /// Label values escape backslash, double quote and line feed.
    static func escape(_ value: String) -> String {
        value.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
            .replacingOccurrences(of: "\n", with: "\\n")
    }
}
