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
    var backlog: BacklogReport?
    var rounds: RoundsReport?
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
            "campus-gateway end-to-end benchmark, scenario \(s.scenario.title)",
            "  devices          \(s.devices) × sos-button, one loopback port each; poll \(BenchSettings.pollMs) ms, timeout \(BenchSettings.timeoutMs) ms",
            "  simulators       \(s.simulatorShards.count) process\(s.simulatorShards.count == 1 ? "" : "es"), at most \(s.devicesPerSimulator) devices each",
            "  Modbus requests  \(s.expectedRequestsPerSecond)/s expected (\(s.devices) × \(1000 / BenchSettings.pollMs))",
            s.scenario == .c
                ? String(format: "  window           %.1f s, %d rounds of %d buttons pressed at once (seed %llu)", r.windowSeconds, rounds?.rounds ?? 0, s.pressesPerRound, s.seed)
                : String(format: "  window           %.1f s, %d tamper flips at gaps of %d–%d ms (seed %llu)", r.windowSeconds, l.flips, s.minGapMs, s.maxGapMs, s.seed),
            String(format: "  start-up         all devices online %.2f s after the gateway was started", startupSeconds),
            "  journal          " + (s.journalFolder.map { "in \($0) (--journal-folder)" } ?? "in the run's folder under /tmp") + ", synchronous=FULL: one fsync per commit",
            "",
            "latency (ms)                           count   lost      p50      p90      p99      max",
        ]
        func row(_ title: String, _ summary: LatencySummary?, lost: String, digits: Int = 1) -> String {
            guard let m = summary else { return title.padding(toLength: 37, withPad: " ", startingAt: 0) + "  (no samples)" }
            let f = "%8.\(digits)f"
            return title.padding(toLength: 37, withPad: " ", startingAt: 0)
                + String(format: " %6d ", m.count) + String(repeating: " ", count: max(0, 6 - lost.count)) + lost
                + String(format: " \(f) \(f) \(f) \(f)", m.p50, m.p90, m.p99, m.max)
        }
        lines.append(row("  flip → subscriber", l.endToEnd, lost: String(l.lost)))
        lines.append(row("  flip → broker PUBACK", l.toAcknowledgement, lost: "-"))
        lines.append(row("  gateway's share (poll → publish)", l.gatewayShare, lost: "-", digits: 3))
        lines.append("  of which, from the delivery trace:")
        lines.append(row("    flip → poll response (the floor)", l.toObserved, lost: "-"))
        lines.append(row("    poll → journal commit returned", l.toCommitted, lost: "-", digits: 3))
        lines.append(row("    journal commit → publish", l.committedToPublish, lost: "-", digits: 3))
        lines.append(row("    publish → PUBACK", l.publishToAcknowledgement, lost: "-", digits: 3))
        lines.append(row("  poll (event ts) → subscriber", l.pipeline, lost: "-"))
        lines.append("  (the \(BenchSettings.pollMs) ms poll alone adds a uniform 0–\(BenchSettings.pollMs) ms: p50 ≈ 50, p90 ≈ 90, p99 ≈ 99;")
        lines.append("   the gateway's share runs from the poll response that showed the change to mosquitto_publish")
        lines.append("   returning, monotonic ns from the gateway's delivery trace; event ts is whole ms, so the")
        lines.append("   last row reads up to 1 ms high)")
        if l.untraced > 0 { lines.append("  WARNING: \(l.untraced) delivered flips have no line in the delivery trace") }
        if let rtt = l.controlRoundTrip {
            lines.append(String(format: "  control command → ok: p50 %.2f ms, max %.2f ms (the uncertainty of a flip's start)", rtt.p50, rtt.max))
        }
        if let pipeline = l.pipeline { lines.append("  poll → subscriber above 10 ms: \(pipeline.over10ms) of \(pipeline.count)") }
        lines.append("  broker           mosquitto, " + (s.brokerNagle ? "Nagle on (its default)" : "set_tcp_nodelay true"))
        lines.append("")
        if let backlog { lines += backlogLines(backlog) }
        if let rounds { lines += roundLines(rounds) }
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

    private func backlogLines(_ b: BacklogReport) -> [String] {
        func show(_ values: [String: Int]) -> String {
            [BenchSite.uplink, BenchSite.reserveUplink].map { "\($0) \(values[$0].map(String.init) ?? "?")" }.joined(separator: ", ")
        }
        return [
            "lower-priority load (fault and mains_fail inputs: minor events, every one to both uplinks)",
            String(format: "  before window    %d input changes in %.1f s; backlog then: %@", b.fillChanges, b.fillSeconds, show(b.atStart)),
            String(format: "  in window        %d changes (%.0f/s)", b.windowChanges, Double(b.windowChanges) / max(1, resources.windowSeconds)),
            "  queued for \(BenchSite.reserveUplink)   \(b.queuedAtStart) events at the window's start, \(b.queuedAtEnd) at its end (it points at a closed",
            "                   port: every event raised since the gateway started, counted at the subscriber)",
            "  /metrics backlog lowest: \(show(b.lowest)); highest: \(show(b.highest)); at end: \(show(b.atEnd))",
            "                   (\(b.readings) readings, one a second; a down uplink's figure leaves out what its lanes left in the journal)",
            "",
        ]
    }

    private func roundLines(_ r: RoundsReport) -> [String] {
        let spread = LatencySummary(r.pressSpreadMs)
        let slowest = LatencySummary(r.slowestMs.filter { !$0.isNaN })
        return [
            "emergency rounds",
            "  delivered        \(r.delivered.reduce(0, +)) of \(r.rounds * r.pressesPerRound) presses; rounds complete: \(r.delivered.count { $0 == r.pressesPerRound }) of \(r.rounds)",
            String(format: "  presses sent in  median %.1f ms, max %.1f ms per round (first press → last press's ok)", spread?.p50 ?? .nan, spread?.max ?? .nan),
            String(format: "  slowest press    per round: median %.1f ms, max %.1f ms (flip → subscriber)", slowest?.p50 ?? .nan, slowest?.max ?? .nan),
            "  resets           \(r.resetsDone) done, \(r.resetsFailed) failed or refused, \(r.resetsUnanswered) unanswered; \(r.clearsMissing) cleared events missing",
            "",
        ]
    }

    func json() -> String {
        func summary(_ m: LatencySummary?) -> Any {
            guard let m else { return NSNull() }
            return ["count": m.count, "min": m.min, "p50": m.p50, "p90": m.p90, "p99": m.p99, "max": m.max, "mean": m.mean, "over_10ms": m.over10ms] as [String: Any]
        }
        let r = resources
        var object: [String: Any] = [
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
            "scenario": settings.scenario.rawValue,
            "journal_folder": settings.journalFolder ?? "run folder",
            "latency_ms": summary(latency.endToEnd),
            "flip_to_puback_ms": summary(latency.toAcknowledgement),
            "gateway_share_ms": summary(latency.gatewayShare),
            "flip_to_observed_ms": summary(latency.toObserved),
            "publish_to_puback_ms": summary(latency.publishToAcknowledgement),
            "observed_to_committed_ms": summary(latency.toCommitted),
            "committed_to_publish_ms": summary(latency.committedToPublish),
            "untraced": latency.untraced,
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
        if let b = backlog {
            object["backlog"] = [
                "queued_at_start": b.queuedAtStart, "queued_at_end": b.queuedAtEnd, "fill_changes": b.fillChanges, "fill_seconds": b.fillSeconds, "window_changes": b.windowChanges,
                "at_start": b.atStart, "at_end": b.atEnd, "highest": b.highest, "lowest": b.lowest, "readings": b.readings,
            ] as [String: Any]
        }
        if let r = rounds {
            object["rounds"] = [
                "rounds": r.rounds, "presses_per_round": r.pressesPerRound, "delivered": r.delivered, "slowest_ms": r.slowestMs.map { $0.isNaN ? NSNull() : $0 as Any },
                "press_spread_ms": r.pressSpreadMs, "resets_done": r.resetsDone, "resets_failed": r.resetsFailed,
                "resets_unanswered": r.resetsUnanswered, "clears_missing": r.clearsMissing,
            ] as [String: Any]
        }
        let data = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])) ?? Data("{}".utf8)
        return String(decoding: data, as: UTF8.self)
    }
}
