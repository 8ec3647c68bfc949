import Foundation

/// The soak's verdict: lost events (target 0), RSS growth after the warm-up (target
/// ≤ 1 MB/hour), and the gateway's error lines.
struct SoakResult: Codable, Sendable {
    static let targetGrowthMBPerHour = 1.0

    var plan: SoakRun.Plan
    var name: String
    var changingPercent: Double
    var flips: Int
    var unplugs: Int
    var brokerRestarts: Int
    var expectedEvents: Int
    var lost: Int
    var extra: Int
    var duplicates: Int
    var replayed: Int
    var shortfall: [String]
    var trend: RSSTrend
    var growthMBPerHour: Double?
    var resources: ResourceFigures
    var gatewayExitCode: Int32
    /// Error and critical lines of the gateway's log, each with how often it appeared.
    var gatewayErrors: [String: Int]
    var met: Bool

    init(
        plan: SoakRun.Plan, changingPercent: Double, flips: Int, unplugs: Int, brokerRestarts: Int, ledger: FlipLedger, trend: RSSTrend,
        resources: ResourceFigures, gatewayExitCode: Int32, gatewayErrorLines: [String]
    ) {
        self.plan = plan
        name = plan.scenario.name
        self.changingPercent = changingPercent
        self.flips = flips
        self.unplugs = unplugs
        self.brokerRestarts = brokerRestarts
        expectedEvents = ledger.expectedCount
        lost = ledger.lost
        extra = ledger.extra
        duplicates = ledger.duplicates
        replayed = ledger.replayed
        shortfall = ledger.shortfall
        self.trend = trend
        growthMBPerHour = trend.growthMBPerHour
        self.resources = resources
        self.gatewayExitCode = gatewayExitCode
        var errors: [String: Int] = [:]
        // The same error at another time or for another device is one kind of line.
        for line in gatewayErrorLines { errors[Self.shape(line), default: 0] += 1 }
        gatewayErrors = errors
        met = lost == 0 && extra == 0 && (growthMBPerHour ?? .infinity) <= Self.targetGrowthMBPerHour
    }

    /// A log line without its values after `=` that change from line to line.
    static func shape(_ line: String) -> String {
        line.split(separator: " ").map { word in
            guard let equals = word.firstIndex(of: "=") else { return String(word) }
            let key = word[..<equals]
            return ["device.id", "event.kind", "reason", "uplink.name", "bus"].contains(String(key)) ? String(word) : "\(key)=…"
        }.joined(separator: " ")
    }

    var table: String {
        let r = resources
        func mib(_ value: Double?) -> String { value.map { String(format: "%.1f MiB", $0) } ?? "–" }
        var lines = [
            "| soak: \(name), \(plan.sosColumns) SOS columns, \(plan.minutes) min | |",
            "|---|---|",
            "| broker restarts / unplug-plug cycles / tamper flips | \(brokerRestarts) / \(unplugs) / \(flips) |",
            "| events expected / **lost** / extra (new id) / duplicates (same id) / marked replayed | \(expectedEvents) / **\(lost)** / \(extra) / \(duplicates) / \(replayed) |",
            String(format: "| VmRSS after warm-up (%d min) / at the end / max | %@ / %@ / %@ |", plan.warmUpMinutes, mib(trend.firstSteadyMiB), mib(trend.lastMiB), mib(trend.maxMiB)),
            "| VmRSS growth after warm-up (least squares) | **\(growthMBPerHour.map { String(format: "%+.2f MB/hour", $0) } ?? "–")** (target ≤ \(Self.targetGrowthMBPerHour) MB/hour) |",
            String(format: "| gateway CPU, average | %.2f %% of one core |", r.gatewayCPUPercent),
            String(format: "| rest of machine, load average | %.0f %% of one core%@, %.1f→%.1f |", r.restOfMachinePercent, r.disturbed ? " (disturbed)" : "", r.loadAverageStart, r.loadAverageEnd),
            "| gateway error lines | \(gatewayErrors.values.reduce(0, +)) |",
            "| verdict | \(met ? "met" : "**missed**") |",
        ]
        lines += shortfall.prefix(20).map { "missing: \($0)" }
        lines += gatewayErrors.sorted { $0.value > $1.value }.map { "gateway log (\($0.value)×): \($0.key)" }
        return lines.joined(separator: "\n")
    }
}
