import BenchSupport
import Foundation
import GatewayCore

/// One run's figures, as a table or one JSON object.
struct ReplayResult {
    let settings: ReplaySettings
    let mix: PriorityMix
    let order: ArrivalOrder
    let journalingSeconds: Double
    let journalCommits: Int
    let journalBytes: Int64
    let journalingCPUSeconds: Double
    /// Monotonic ns: the broker's start was asked for, and its port accepted connections.
    let brokerStart: UInt64
    let brokerAccepting: UInt64
    /// Reported by the gateway: its uplink connected again; its backlog reached 0.
    let uplinkReconnected: UInt64?
    let uplinkDrained: UInt64?
    /// The journal file showed nothing pending for the uplink (every event acknowledged).
    let journalEmpty: UInt64?
    let pendingLeft: Int
    let rssBeforeDrainKB: Int
    let resources: ResourceSummary
    let brokerCPUSeconds: Double?
    let loadBefore: String
    let loadAfter: String
    let gatewayExitCode: Int32

    /// Seconds after the broker's start, or nil.
    private func since(_ ns: UInt64?) -> Double? { ns.map { Double(Int64(bitPattern: $0 &- brokerStart)) / 1e9 } }

    var writeRate: Double { Double(settings.events) / journalingSeconds }
    /// The replay itself: first to last flood event at the subscriber.
    var replaySeconds: Double? {
        guard let first = order.firstArrival, let last = order.lastArrival, last > first else { return nil }
        return Double(last - first) / 1e9
    }
    var replayRate: Double? { replaySeconds.map { Double(order.distinct) / $0 } }
    /// From the broker's start until the journal held nothing pending.
    var endToEndRate: Double? { since(journalEmpty).map { Double(settings.events) / $0 } }
    var meetsRate: Bool { (replayRate ?? 0) >= ReplaySettings.targetRate }
    var orderBroken: Bool { !order.emergenciesFirst || order.inversions > 0 || order.seqRegressions > 0 }
    var failed: Bool { order.lost > 0 || pendingLeft > 0 || orderBroken }

    func table() -> String {
        func s(_ value: Double?) -> String { value.map { String(format: "%.3f s", $0) } ?? "—" }
        func rate(_ value: Double?) -> String { value.map { String(format: "%.0f events/s", $0) } ?? "—" }
        func mib(_ kb: Int) -> String { String(format: "%.1f MiB", Double(kb) / 1024) }
        let expected = PriorityMix.shares.map { mix.count($0.severity) }
        let r = resources
        var rows: [(String, String, String)] = [
            ("events (emergency / alarm / fault / status)", "\(settings.events) (\(expected.map(String.init).joined(separator: " / ")))", ""),
            ("seed / submission rate", "\(settings.seed) / " + (settings.rate == 0 ? "as fast as the router takes them" : "\(settings.rate) events/s"), ""),
            ("journal: write (first submitted → last committed)", s(journalingSeconds), ""),
            ("journal: write rate", rate(writeRate), ""),
            ("journal: commits / file and WAL size", "\(journalCommits) / \(String(format: "%.1f MiB", Double(journalBytes) / 1_048_576))", ""),
            ("journal: gateway CPU while writing", String(format: "%.2f s", journalingCPUSeconds), ""),
            ("broker start → port accepts", s(since(brokerAccepting)), ""),
            ("broker start → uplink connected", s(since(uplinkReconnected)), ""),
            ("broker start → first event at subscriber", s(since(order.firstArrival)), ""),
            ("broker start → last emergency at subscriber", s(since(order.lastEmergencyArrival)), ""),
            ("broker start → last event at subscriber", s(since(order.lastArrival)), ""),
            ("broker start → journal shows nothing pending", s(since(journalEmpty)), ""),
            ("broker start → uplink backlog 0", s(since(uplinkDrained)), ""),
            ("replay rate (first → last event at subscriber)", rate(replayRate), "≥ 5 000 events/s"),
            ("end to end (broker start → nothing pending)", rate(endToEndRate), ""),
            ("received (distinct / messages / duplicates)", "\(order.distinct) / \(order.messages) / \(order.duplicates)", ""),
            ("lost", "\(order.lost)", "0"),
            ("still pending in the journal", "\(pendingLeft)", "0"),
            ("received per priority 1 / 2 / 3 / 4", order.perPriority.map(String.init).joined(separator: " / "), ""),
            ("last emergency / first status event (arrival index)",
             "\(order.lastEmergencyIndex.map(String.init) ?? "—") / \(order.firstStatusIndex.map(String.init) ?? "—")",
             "last emergency < first status"),
            ("priority inversions (more urgent after less urgent)", "\(order.inversions)", "0"),
            ("seq out of order within a priority", "\(order.seqRegressions)", "0"),
            ("not marked replayed", "\(order.notMarkedReplayed)", "0"),
            ("gateway CPU during the drain, % of one core", String(format: "%.1f %% (busiest second %.0f %%)", r.gatewayCPUPercent, r.gatewayCPUPercentMaxSecond), ""),
            ("gateway RSS before drain / median / peak (VmHWM)", "\(mib(rssBeforeDrainKB)) / \(mib(r.rssMedianKB)) / \(mib(r.hwmKB))", ""),
            ("of which anonymous / file-backed (median)", "\(mib(r.anonMedianKB)) / \(mib(r.fileMedianKB))", ""),
            ("gateway threads", "\(r.gatewayThreads)", ""),
            ("broker / benchmark (subscriber) CPU during the drain",
             String(format: "%@ / %.1f %%", brokerCPUSeconds.map { String(format: "%.1f %%", $0 / r.windowSeconds * 100) } ?? "—",
                    r.otherCPUPercent.first { $0.name == "bench" }?.percent ?? 0), ""),
            ("rest of machine during the drain, % of one core", String(format: "%.1f %%", r.restOfMachinePercent), "quiet: ≤ 10 %"),
            ("load average before / after (1, 5, 15 min)", "\(loadBefore) / \(loadAfter)", ""),
        ]
        rows.append(("result", verdict, ""))
        let width = rows.map(\.0.count).max() ?? 0
        let valueWidth = rows.filter { !$0.2.isEmpty }.map(\.1.count).max() ?? 0
        return rows.map { row in
            row.0.padding(toLength: width, withPad: " ", startingAt: 0) + "  "
                + (row.2.isEmpty ? row.1 : row.1.padding(toLength: valueWidth, withPad: " ", startingAt: 0) + "  target: " + row.2)
        }.joined(separator: "\n")
    }

    var verdict: String {
        var parts: [String] = []
        parts.append(order.lost == 0 && pendingLeft == 0 ? "nothing lost" : "\(order.lost) LOST, \(pendingLeft) still pending")
        parts.append(orderBroken ? "PRIORITY ORDER BROKEN" : "every emergency before any status event, no inversion")
        parts.append(meetsRate ? "replay rate met" : "replay rate BELOW TARGET")
        return parts.joined(separator: "; ")
    }

    func json() -> String {
        let r = resources
        let object: [String: Any] = [
            "events": settings.events,
            "seed": settings.seed,
            "submission_rate": settings.rate,
            "mix": Dictionary(uniqueKeysWithValues: PriorityMix.shares.map { ($0.severity.rawValue, mix.count($0.severity)) }),
            "outage_after_journaled_seconds": settings.outageSeconds,
            "journal": [
                "write_seconds": journalingSeconds, "write_rate": writeRate, "commits": journalCommits, "size_bytes": journalBytes,
                "gateway_cpu_seconds": journalingCPUSeconds,
            ] as [String: Any],
            "seconds_after_broker_start": [
                "port_accepts": since(brokerAccepting) as Any, "uplink_connected": since(uplinkReconnected) as Any,
                "first_event": since(order.firstArrival) as Any, "last_emergency": since(order.lastEmergencyArrival) as Any,
                "last_event": since(order.lastArrival) as Any, "journal_nothing_pending": since(journalEmpty) as Any,
                "uplink_backlog_zero": since(uplinkDrained) as Any,
            ].mapValues { $0 is Double ? $0 : NSNull() },
            "replay_rate": replayRate as Any? ?? NSNull(),
            "end_to_end_rate": endToEndRate as Any? ?? NSNull(),
            "target_rate": ReplaySettings.targetRate,
            "received": order.distinct, "messages": order.messages, "duplicates": order.duplicates, "lost": order.lost,
            "pending_left": pendingLeft, "malformed": order.malformed,
            "received_per_priority": order.perPriority,
            "last_emergency_index": order.lastEmergencyIndex as Any? ?? NSNull(),
            "first_status_index": order.firstStatusIndex as Any? ?? NSNull(),
            "emergencies_first": order.emergenciesFirst, "inversions": order.inversions, "seq_regressions": order.seqRegressions,
            "not_marked_replayed": order.notMarkedReplayed,
            "gateway": [
                "cpu_percent": r.gatewayCPUPercent, "cpu_percent_max_second": r.gatewayCPUPercentMaxSecond,
                "rss_before_drain_kb": rssBeforeDrainKB, "rss_median_kb": r.rssMedianKB, "rss_max_kb": r.rssMaxKB, "hwm_kb": r.hwmKB,
                "rss_anon_median_kb": r.anonMedianKB, "rss_file_median_kb": r.fileMedianKB,
                "threads": r.gatewayThreads, "exit_code": gatewayExitCode,
            ] as [String: Any],
            "broker_cpu_seconds": brokerCPUSeconds as Any? ?? NSNull(),
            "other_cpu_percent": Dictionary(r.otherCPUPercent.map { ($0.name, $0.percent) }, uniquingKeysWith: +),
            "rest_of_machine_cpu_percent": r.restOfMachinePercent,
            "load_average_before": loadBefore, "load_average_after": loadAfter,
            "cores": r.cores,
            "passed": !failed, "rate_met": meetsRate,
        ]
        let data = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])) ?? Data("{}".utf8)
        return String(decoding: data, as: UTF8.self)
    }
}
