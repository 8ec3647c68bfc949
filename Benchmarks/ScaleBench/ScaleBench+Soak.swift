import ArgumentParser
import BenchSupport
import Foundation

extension ScaleBench {
    /// The long run: restarts, unplugs, alarm flips; lost events and RSS growth.
    struct Soak: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Soak: a load for N minutes with broker restarts, unplugged nodes and alarm flips.",
            discussion: "Exits 1 when an event is lost or RSS grows faster than 1 MB/hour after the warm-up, 2 when the rig fails."
        )

        @OptionGroup var common: CommonOptions

        @Option(help: "Length of the soak in minutes.")
        var minutes: Int = 60

        @Option(help: "The load, NODESxGROUPSxPOINTS@INTERVAL.")
        var scenario: String = Scenario.tenThousandFast.name

        @Option(help: "SOS columns whose tamper inputs flip, in turn.")
        var sosColumns: Int = 4

        @Option(help: "Seconds between two flips (across all columns).")
        var flipEvery: Double = 2

        @Option(help: "Minutes between two broker restarts.")
        var brokerRestartMinutes: Int = 5

        @Option(help: "Seconds a node stays unplugged (one unplug a minute, the nodes in turn).")
        var unplugSeconds: Int = 15

        @Option(help: "Seconds between two RSS samples.")
        var sampleSeconds: Int = 5

        @Option(help: "Minutes left out of the RSS growth (default: one more than the nodes, so every node has been unplugged once; at most half the run).")
        var warmUpMinutes: Int?

        @Option(help: "Share of each node's points given a new value every poll interval, in %.")
        var changing: Double = 0

        func validate() throws {
            guard Scenario(name: scenario) != nil else { throw ValidationError("not a scenario: \(scenario)") }
            guard (1...1440).contains(minutes) else { throw ValidationError("--minutes must be 1–1440") }
            guard (1...100).contains(sosColumns) else { throw ValidationError("--sos-columns must be 1–100") }
            // One column changes every sosColumns × flipEvery seconds; the profile holds an
            // input as chattering above 10 changes a minute.
            guard Double(sosColumns) * flipEvery >= 7 else { throw ValidationError("--sos-columns × --flip-every must be at least 7 s (chattering)") }
            guard (1...50).contains(unplugSeconds) else { throw ValidationError("--unplug-seconds must be 1–50") }
        }

        func run() async throws {
            let plan = SoakRun.Plan(
                scenario: Scenario(name: scenario)!, minutes: minutes, sosColumns: sosColumns, flipEverySeconds: flipEvery,
                brokerRestartMinutes: brokerRestartMinutes, unplugSeconds: unplugSeconds, sampleSeconds: sampleSeconds,
                warmUpMinutes: warmUpMinutes ?? Self.defaultWarmUp(nodes: Scenario(name: scenario)!.nodes, minutes: minutes)
            )
            let settings = common.settings(seconds: minutes * 60, settle: 0, changing: changing)
            try await ScaleBench.report(json: common.json, measure: { try await SoakRun(plan: plan, settings: settings).run() }, table: \.table, met: \.met)
        }

        /// A node's first unplug grew the gateway by 0.5–0.8 MiB once in every run so far (most
        /// likely its bus thread's malloc arena taking the urgent state-file write, which builds
        /// the whole file as one string); nodes are unplugged in turn, so growth is only read
        /// after each has had its turn.
        static func defaultWarmUp(nodes: Int, minutes: Int) -> Int { max(1, min(nodes + 1, minutes / 2)) }
    }
}
