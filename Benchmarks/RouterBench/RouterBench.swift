import EventRouter
import Foundation
import GatewayCore

/// The router micro-benchmark (docs/benchmarks.md, "The event router"). Prints one
/// Markdown report: throughput, heap allocations per event, latency under load, and where
/// an emergency leaves when 50 000 status events wait. Exit status 1 when a target is missed.
///
///     make bench-router                      # release build, the documented figures
///     RouterBench --events 2000000 --seconds 2   # a quicker look
@main
struct RouterBench {
    static func main() throws {
        var events = 10_000_000
        var seconds = 5.0
        var runs = 3
        var only: String?
        var producers = 8
        var rate = 100_000
        var burst = 12
        var arguments = CommandLine.arguments.dropFirst().makeIterator()
        while let flag = arguments.next() {
            switch flag {
            case "--events": events = Int(arguments.next() ?? "") ?? events
            case "--seconds": seconds = Double(arguments.next() ?? "") ?? seconds
            case "--runs": runs = Int(arguments.next() ?? "") ?? runs
            case "--only": only = arguments.next()
            case "--producers": producers = Int(arguments.next() ?? "") ?? producers
            case "--rate": rate = Int(arguments.next() ?? "") ?? rate
            case "--burst": burst = max(1, Int(arguments.next() ?? "") ?? burst)
            default:
                FileHandle.standardError.write("usage: RouterBench [--events N] [--seconds S] [--runs N] [--only throughput|latency|emergency|wakeups] [--producers N] [--rate N] [--burst N]\n".data(using: .utf8)!)
                exit(64)
            }
        }
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path
        var missed: [String] = []
        print("# Router benchmark\n")
        print("load average before: \(Measure.loadAverage()); \(ProcessInfo.processInfo.activeProcessorCount) cores\n")

        if only == nil || only == "throughput" {
        print("## Throughput, one thread (1 000 devices, flood control off: every event routed)\n")
        print("| routes | events/s (median of \(runs)) | best | ns/event | uplinks/event | heap allocations/event |")
        print("|---|---|---|---|---|---|")
        var headline = 0.0
        for routes in [10, 200, 1000] {
            let bench = try BenchSite(devices: 1000, routes: routes, flood: false, repoRoot: root)
            let results = (0..<runs).map { _ in ThroughputRun(bench: bench, events: events).run() }
            let rates = results.map(\.eventsPerSecond)
            let median = Measure.median(rates)
            let allocations = results.map(\.allocations).max()!
            print(String(
                format: "| %d | %.0f | %.0f | %.0f | %.2f | %.6f (%llu in %d) |", routes, median, rates.max()!, 1e9 / median,
                results[0].destinationsPerEvent, Double(allocations) / Double(events), allocations, events))
            if routes == 200 {
                headline = median
                if allocations > 0 { missed.append("allocations on the hot path: \(allocations)") }
            }
        }
        if headline < 2_000_000 { missed.append(String(format: "throughput %.0f < 2 000 000 events/s", headline)) }

        let queued = (0..<runs).map { _ in
            var run = ThroughputRun(bench: try! BenchSite(devices: 1000, routes: 200, flood: false, repoRoot: root), events: events)
            run.throughQueues = true
            return run.run()
        }
        print(String(
            format: "\nRouting and handing on to four uplink queues (`UplinkFanOut` → `LaneQueue`, drained in the same loop), 200 routes: %.0f events/s (median), %.0f ns/event, %.6f allocations/event.",
            Measure.median(queued.map(\.eventsPerSecond)), 1e9 / Measure.median(queued.map(\.eventsPerSecond)),
            queued.map(\.allocationsPerEvent).max()!))
        // What the first event after a schedule boundary pays: every schedule re-evaluated.
        let sample = try BenchSite(devices: 1000, routes: 200, flood: false, repoRoot: root)
        var book = ScheduleBook(sample.site.schedules)
        let evaluations = 200
        let evaluationStart = WallClock.monotonicNanoseconds()
        for i in 0..<evaluations { _ = book.refresh(atMilliseconds: 1_764_000_000_000 + Int64(i) * 86_400_000) }
        let perEvaluation = (WallClock.monotonicNanoseconds() - evaluationStart) / UInt64(evaluations)
        print("\nRe-evaluating the site's \(sample.site.schedules.count) schedules at a boundary (state and next change): \(Measure.microseconds(perEvaluation)).")
        let flooded = try BenchSite(devices: 1000, routes: 200, flood: true, repoRoot: root)
        let floodResult = ThroughputRun(bench: flooded, events: events).run()
        print(String(
            format: "\nWith flood control on (10 per 10 s per device and kind; most of this mix is then held back): %.0f events/s, %.6f allocations/event, %llu collapsed, %llu summaries.\n",
            floodResult.eventsPerSecond, floodResult.allocationsPerEvent, floodResult.stats.floodCollapsed,
            floodResult.stats.floodSummaries))
        }

        let bench = try BenchSite(devices: 1000, routes: 200, flood: false, repoRoot: root)
        if only == nil || only == "latency" {
        print("## Latency, producer to uplink queue (\(producers) producers, \(rate) events/s, \(burst == 1 ? "evenly spaced" : "in bursts of \(burst)"), 200 routes, 4 uplink queues with consumers)\n")
        let load = MachineLoad()
        let latency = try LatencyRun(bench: bench, producers: producers, rate: rate, seconds: seconds, burst: burst).run()
        let others = load.othersPercent()
        let sorted = latency.sorted
        let p99 = Measure.percentile(sorted, 0.99)
        print("| samples | rate achieved | p50 | p90 | p99 | p99.9 | max | heap allocations/event |")
        print("|---|---|---|---|---|---|---|---|")
        print(String(
            format: "| %d | %.0f/s | %@ | %@ | %@ | %@ | %@ | %.4f |", sorted.count, latency.achievedRate,
            Measure.microseconds(Measure.percentile(sorted, 0.5)), Measure.microseconds(Measure.percentile(sorted, 0.9)),
            Measure.microseconds(p99), Measure.microseconds(Measure.percentile(sorted, 0.999)),
            Measure.microseconds(sorted.last ?? 0), latency.allocationsPerEvent))
        let routerP99 = latency.stats.latencyBound(0.99).map { "< \(Measure.microseconds($0))" } ?? "?"
        print("\nThe router's own histogram (submit to hand-over, power-of-two buckets) puts p99 at \(routerP99).")
        print(String(format: "Other processes used %.0f %% of one core meanwhile%@.\n", others, others > 10 ? " (a disturbed run)" : ""))
        if p99 > 20_000 { missed.append("latency p99 \(Measure.microseconds(p99)) > 20 µs") }
        }

        if only == "wakeups" {
            // Not part of the default run: how late the kernel wakes the producers alone.
            print("## Wake-up lateness of \(producers) idle producer threads\n")
            print("| wake-ups/s | p50 | p90 | p99 | max |")
            print("|---|---|---|---|---|")
            for wakeUps in [rate, rate / 4, rate / burst] {
                let late = try WakeUpRun(producers: producers, wakeUpsPerSecond: wakeUps, seconds: seconds).run()
                print("| \(wakeUps) | \(Measure.microseconds(Measure.percentile(late, 0.5))) | \(Measure.microseconds(Measure.percentile(late, 0.9))) | \(Measure.microseconds(Measure.percentile(late, 0.99))) | \(Measure.microseconds(late.last ?? 0)) |")
            }
            print("")
        }

        if only == nil || only == "emergency" {
        print("## An emergency behind 50 000 waiting status events\n")
        let emergency = try EmergencyRun(bench: bench, waiting: 50_000).run()
        print("| where the status events wait | emergency's place in what leaves next | submit → leaves |")
        print("|---|---|---|")
        print("| router lanes (dispatcher held up by a slow sink) | \(emergency.routerPosition + 1) of \(emergency.waiting + 1) | \(Measure.microseconds(emergency.routerNanoseconds)) (includes releasing the sink) |")
        print("| uplink queue (broker slow) | \(emergency.uplinkPosition + 1) of \(emergency.waiting + 1) | \(Measure.microseconds(emergency.uplinkNanoseconds)) |")
        if emergency.routerPosition != 0 || emergency.uplinkPosition != 0 { missed.append("the emergency did not leave first") }
        }

        print("\nload average after: \(Measure.loadAverage())")
        if missed.isEmpty {
            print("\nall four targets met")
        } else {
            print("\ntargets missed: \(missed.joined(separator: "; "))")
            exit(1)
        }
    }
}
