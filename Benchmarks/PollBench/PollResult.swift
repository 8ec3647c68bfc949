import Foundation
import Polling

/// The figures of one run, over the measurement window only.
struct PollResult {
    var devices: Int
    var unitsPerPort: Int
    var lines: Int
    var pollMs: Int
    var seconds: Double
    var startupSeconds: Double
    var before: PollingStats
    var after: PollingStats
    var cpuSeconds: Double
    var rssKB: Int
    var rssMaxKB: Int
    var threads: Int
    var events: Int
    /// 1-minute load average at the start and the end of the window.
    var load: (start: Double, end: Double)

    private func total(_ stats: PollingStats, _ field: (LineStats) -> UInt64) -> UInt64 { stats.lines.map(field).reduce(0, +) }
    private func delta(_ field: (LineStats) -> UInt64) -> UInt64 { total(after, field) - total(before, field) }

    var requestsPerSecond: Double { Double(delta(\.requests)) / seconds }
    /// The sos-button profile: its inputs every poll, its sounder coil every 5 s.
    var expectedRequestsPerSecond: Double { Double(devices) * (1000 / Double(pollMs) + 0.2) }
    var pollsPerSecond: Double { Double(delta(\.polls)) / seconds }
    var failedPolls: UInt64 { delta(\.failedPolls) }
    var skippedPolls: UInt64 { delta(\.skippedPolls) }
    var faults: UInt64 { delta { $0.faults.values.reduce(0, +) } }
    var cpuPercent: Double { cpuSeconds / seconds * 100 }
    var cpuMicrosecondsPerRequest: Double { cpuSeconds / Double(max(1, delta(\.requests))) * 1e6 }

    /// Request round trip over the window, from the lines' histograms (bucket upper bounds).
    func latencyMs(_ q: Double) -> Double {
        var counts = [UInt64](repeating: 0, count: LineStats.latencyBoundsMs.count + 1)
        for line in after.lines { for (i, c) in line.latency.counts.enumerated() { counts[i] += c } }
        for line in before.lines { for (i, c) in line.latency.counts.enumerated() { counts[i] -= c } }
        let total = counts.reduce(0, +)
        guard total > 0 else { return 0 }
        let rank = UInt64((Double(total) * q).rounded(.up))
        var seen: UInt64 = 0
        for (i, c) in counts.enumerated() {
            seen += c
            if seen >= rank { return i < LineStats.latencyBoundsMs.count ? LineStats.latencyBoundsMs[i] : .infinity }
        }
        return .infinity
    }

    var table: String {
        let rows: [(String, String)] = [
            ("devices / per TCP address / lines", "\(devices) / \(unitsPerPort) / \(lines)"),
            ("poll interval", "\(pollMs) ms"),
            ("window", String(format: "%.1f s", seconds)),
            ("start (service start → every device online)", String(format: "%.2f s", startupSeconds)),
            ("Modbus requests/s (expected)", String(format: "%.0f (%.0f)", requestsPerSecond, expectedRequestsPerSecond)),
            ("poll-group reads/s", String(format: "%.0f", pollsPerSecond)),
            ("failed polls / faults / skipped deadlines", "\(failedPolls) / \(faults) / \(skippedPolls)"),
            ("request round trip p50 / p99 (bucket bound)", String(format: "≤ %.0f / ≤ %.0f ms", latencyMs(0.5), latencyMs(0.99))),
            ("CPU, % of one core", String(format: "%.2f %%", cpuPercent)),
            ("CPU per request", String(format: "%.1f µs", cpuMicrosecondsPerRequest)),
            ("RSS median / max", String(format: "%.1f / %.1f MiB", Double(rssKB) / 1024, Double(rssMaxKB) / 1024)),
            ("threads", "\(threads)"),
            ("events (start-up reads)", "\(events)"),
            ("machine load average, start / end", String(format: "%.2f / %.2f (2 cores; includes the simulators)", load.start, load.end)),
        ]
        let width = rows.map(\.0.count).max() ?? 0
        return rows.map { $0.0.padding(toLength: width, withPad: " ", startingAt: 0) + "  " + $0.1 }.joined(separator: "\n")
    }

    var json: String {
        let fields: [(String, String)] = [
            ("devices", "\(devices)"), ("units_per_port", "\(unitsPerPort)"), ("lines", "\(lines)"), ("poll_ms", "\(pollMs)"),
            ("seconds", String(format: "%.2f", seconds)), ("startup_seconds", String(format: "%.3f", startupSeconds)),
            ("requests_per_second", String(format: "%.1f", requestsPerSecond)),
            ("expected_requests_per_second", String(format: "%.1f", expectedRequestsPerSecond)),
            ("polls_per_second", String(format: "%.1f", pollsPerSecond)), ("failed_polls", "\(failedPolls)"),
            ("faults", "\(faults)"), ("skipped_polls", "\(skippedPolls)"),
            ("latency_p50_ms", String(format: "%.0f", latencyMs(0.5))), ("latency_p99_ms", String(format: "%.0f", latencyMs(0.99))),
            ("cpu_percent", String(format: "%.2f", cpuPercent)), ("cpu_us_per_request", String(format: "%.2f", cpuMicrosecondsPerRequest)),
            ("rss_kib", "\(rssKB)"), ("rss_max_kib", "\(rssMaxKB)"), ("threads", "\(threads)"),
            ("load_start", String(format: "%.2f", load.start)), ("load_end", String(format: "%.2f", load.end)),
        ]
        return "{" + fields.map { "\"\($0.0)\": \($0.1)" }.joined(separator: ", ") + "}"
    }
}
