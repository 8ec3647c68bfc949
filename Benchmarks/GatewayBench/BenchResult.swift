import BenchSupport
import Foundation

/// Everything one run measured, as a table for people or one JSON object for scripts.
struct BenchResult {
    var settings: BenchSettings
    /// campus-gateway and mosquitto processes running before the rig started.
    var strayProcesses: Int
    var startupSeconds: Double
    var latency: LatencyStats
    var resources: ResourceSummary
    var gatewayExitCode: Int32
    var gatewayStopSeconds: Double
    var gatewayKilled: Bool

    /// Above this much CPU outside the rig (% of one core) the run is flagged as disturbed.
    static let quietLimitPercent = 10.0

    var quietMachine: Bool { resources.restOfMachinePercent <= Self.quietLimitPercent }

    private static func mib(_ kB: Int) -> Double { Double(kB) / 1024 }

    func table() -> String {
        let s = settings
        let r = resources
        let l = latency
        var lines = [
            "campus-gateway end-to-end benchmark",
            "  devices          \(s.devices) × sos-button, one loopback port each; poll \(BenchSettings.pollMs) ms, timeout \(BenchSettings.timeoutMs) ms",
            "  simulators       \(s.simulatorShards.count) process\(s.simulatorShards.count == 1 ? "" : "es"), at most \(s.devicesPerSimulator) devices each",
            "  Modbus requests  \(s.expectedRequestsPerSecond)/s expected (\(s.devices) × \(1000 / BenchSettings.pollMs))",
            String(format: "  window           %.1f s, %d alarm flips at gaps of %d–%d ms (seed %llu)", r.windowSeconds, l.flips, s.minGapMs, s.maxGapMs, s.seed),
            String(format: "  start-up         all devices online %.2f s after the gateway was started", startupSeconds),
            "",
            "latency (ms)                      count   lost    p50    p90    p99    max",
        ]
        func row(_ title: String, _ summary: LatencySummary?, lost: String) -> String {
            guard let m = summary else { return title.padding(toLength: 32, withPad: " ", startingAt: 0) + "  (no samples)" }
            return title.padding(toLength: 32, withPad: " ", startingAt: 0)
                + String(format: " %6d ", m.count) + String(repeating: " ", count: max(0, 6 - lost.count)) + lost
                + String(format: " %6.1f %6.1f %6.1f %6.1f", m.p50, m.p90, m.p99, m.max)
        }
        lines.append(row("  alarm flip → subscriber", l.endToEnd, lost: String(l.lost)))
        lines.append(row("  poll (event ts) → subscriber", l.pipeline, lost: "-"))
        lines.append("  (the \(BenchSettings.pollMs) ms poll alone adds a uniform 0–\(BenchSettings.pollMs) ms: p50 ≈ 50, p90 ≈ 90, p99 ≈ 99;")
        lines.append("   event ts is whole ms, so the second row reads up to 1 ms high)")
        if let rtt = l.controlRoundTrip {
            lines.append(String(format: "  control command → ok: p50 %.2f ms, max %.2f ms (the uncertainty of a flip's start)", rtt.p50, rtt.max))
        }
        if let pipeline = l.pipeline { lines.append("  poll → subscriber above 10 ms: \(pipeline.over10ms) of \(pipeline.count)") }
        lines.append("  broker           mosquitto, " + (s.brokerNagle ? "Nagle on (its default)" : "set_tcp_nodelay true"))
        lines.append("")
        lines.append("gateway process")
        lines.append(String(format: "  CPU              %.2f %% of one core (busiest second %.1f %%)", r.gatewayCPUPercent, r.gatewayCPUPercentMaxSecond))
        lines.append(String(format: "  RSS              median %.1f MiB, max %.1f MiB in the window; peak VmHWM %.1f MiB", Self.mib(r.rssMedianKB), Self.mib(r.rssMaxKB), Self.mib(r.hwmKB)))
        lines.append(String(format: "                   median split: %.1f MiB anonymous (heap, stacks), %.1f MiB file-backed (code, libraries)", Self.mib(r.anonMedianKB), Self.mib(r.fileMedianKB)))
        lines.append("  threads          \(r.gatewayThreads)")
        lines.append(String(format: "  stop (SIGTERM)   exit %d after %.2f s%@", gatewayExitCode, gatewayStopSeconds, gatewayKilled ? " (killed after the grace period)" : ""))
        lines.append("")
        let others = r.otherCPUPercent.map { String(format: "%@ %.1f %%", $0.name, $0.percent) }.joined(separator: ", ")
        lines.append("same \(r.cores) cores, % of one core: \(others)")
        lines.append(String(format: "  rest of machine  %.1f %% of one core (other processes, softirq)", r.restOfMachinePercent))
        lines.append(String(format: "  machine busy     %.1f %% of all %d cores", r.machineBusyPercent, r.cores))
        lines.append("other events      device.offline \(l.offlineEvents), device.online \(l.onlineEvents), late \(l.late), unmatched \(l.unmatched)")
        if strayProcesses > 0 {
            lines.append("WARNING           \(strayProcesses) campus-gateway or mosquitto processes from elsewhere were running")
        }
        if r.restOfMachinePercent > Self.quietLimitPercent {
            lines.append(String(format: "WARNING           other work used %.0f %% of one core during the window: not a quiet machine,", r.restOfMachinePercent))
            lines.append("                  latency and CPU figures are disturbed; run again when it is idle")
        }
        lines.append(l.lost == 0 ? "result            no flip lost" : "result            \(l.lost) FLIPS LOST (no event within \(BenchSettings.lossTimeoutMs) ms)")
        return lines.joined(separator: "\n")
    }

    func json() -> String {
        func summary(_ m: LatencySummary?) -> Any {
            guard let m else { return NSNull() }
            return ["count": m.count, "min": m.min, "p50": m.p50, "p90": m.p90, "p99": m.p99, "max": m.max, "mean": m.mean, "over_10ms": m.over10ms] as [String: Any]
        }
        let r = resources
        let object: [String: Any] = [
            "devices": settings.devices,
            "simulator_processes": settings.simulatorShards.count,
            "poll_ms": BenchSettings.pollMs,
            "timeout_ms": BenchSettings.timeoutMs,
            "seconds": r.windowSeconds,
            "seed": settings.seed,
            "broker_nagle": settings.brokerNagle,
            "binary": settings.binary,
            "modbus_requests_per_second_expected": settings.expectedRequestsPerSecond,
            "startup_seconds": startupSeconds,
            "flips": latency.flips,
            "lost": latency.lost,
            "late": latency.late,
            "unmatched": latency.unmatched,
            "offline_events": latency.offlineEvents,
            "online_events": latency.onlineEvents,
            "latency_ms": summary(latency.endToEnd),
            "pipeline_ms": summary(latency.pipeline),
            "control_round_trip_ms": summary(latency.controlRoundTrip),
            "gateway": [
                "cpu_percent": r.gatewayCPUPercent,
                "cpu_percent_max_second": r.gatewayCPUPercentMaxSecond,
                "rss_median_kb": r.rssMedianKB,
                "rss_max_kb": r.rssMaxKB,
                "hwm_kb": r.hwmKB,
                "rss_anon_median_kb": r.anonMedianKB,
                "rss_file_median_kb": r.fileMedianKB,
                "threads": r.gatewayThreads,
                "exit_code": gatewayExitCode,
                "stop_seconds": gatewayStopSeconds,
                "killed": gatewayKilled,
            ] as [String: Any],
            "other_cpu_percent": Dictionary(r.otherCPUPercent.map { ($0.name, $0.percent) }, uniquingKeysWith: +),
            "machine_busy_percent": r.machineBusyPercent,
            "rest_of_machine_cpu_percent": r.restOfMachinePercent,
            "quiet_machine": quietMachine,
            "stray_processes": strayProcesses,
            "cores": r.cores,
        ]
        let data = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])) ?? Data("{}".utf8)
        return String(decoding: data, as: UTF8.self)
    }
}
