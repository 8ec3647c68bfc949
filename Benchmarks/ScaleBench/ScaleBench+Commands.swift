import ArgumentParser
import BenchSupport
import Foundation

extension ScaleBench {
    /// Signed platform commands while the gateway polls 100 000 points.
    struct Commands: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Latency of signed platform commands (publish → result) under the 100 000-point load.",
            discussion: "Exits 1 when p99 exceeds 50 ms or a command fails, 2 when the rig fails."
        )

        @OptionGroup var common: CommonOptions

        @Option(help: "The load, NODESxGROUPSxPOINTS@INTERVAL.")
        var scenario: String = Scenario.hundredThousand.name

        @Option(help: "Commands to send, one after another.")
        var count: Int = 100

        @Option(help: "Pause after every node is online, in seconds.")
        var settle: Int = 5

        @Option(help: "Share of each node's points given a new value every poll interval, in %.")
        var changing: Double = 0

        func validate() throws {
            guard Scenario(name: scenario) != nil else { throw ValidationError("not a scenario: \(scenario)") }
            guard (1...100_000).contains(count) else { throw ValidationError("--count must be 1–100000") }
        }

        func run() async throws {
            let run = CommandsRun(scenario: Scenario(name: scenario)!, count: count, settings: common.settings(seconds: 0, settle: settle, changing: changing))
            try await ScaleBench.report(json: common.json, measure: { try await run.run() }, table: \.table, met: \.met)
        }
    }
}
