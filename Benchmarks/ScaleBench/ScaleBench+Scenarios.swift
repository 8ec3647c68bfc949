import ArgumentParser
import BenchSupport
import Foundation

extension ScaleBench {
    /// The six NeuronEX loads (or the named ones), one fresh rig each.
    struct Scenarios: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "CPU and memory of the gateway polling NeuronEX's six Modbus TCP loads.",
            discussion: "Exits 1 when a load with a target misses it, 2 when the rig fails."
        )

        @OptionGroup var common: CommonOptions

        @Option(name: .customLong("only"), help: "Scenarios to run, NODESxGROUPSxPOINTS@INTERVAL, e.g. 10x1x1000@100ms (repeatable; default: all six).")
        var names: [String] = []

        @Option(help: "Length of each measurement window in seconds.")
        var seconds: Int = 30

        @Option(help: "Pause after every node is online, before the window, in seconds.")
        var settle: Int = 5

        @Option(help: "Share of each node's points given a new value every poll interval, in % (0: static values).")
        var changing: Double = 0

        func validate() throws {
            for name in names where Scenario(name: name) == nil { throw ValidationError("not a scenario: \(name) (e.g. 10x1x1000@100ms)") }
            guard (5...3600).contains(seconds) else { throw ValidationError("--seconds must be 5–3600") }
            guard (0...100).contains(changing) else { throw ValidationError("--changing must be 0–100") }
        }

        func run() async throws {
            let scenarios = names.isEmpty ? Scenario.neuronEX : names.compactMap(Scenario.init(name:))
            let settings = common.settings(seconds: seconds, settle: settle, changing: changing)
            try await ScaleBench.report(
                json: common.json,
                measure: {
                    var results: [ScenarioResult] = []
                    for scenario in scenarios { results.append(try await ScenarioRun(scenario: scenario, settings: settings).run()) }
                    return results
                },
                table: { results in
                    ([ScenarioResult.tableHeader] + results.map(\.tableRow) + [""] + results.flatMap(\.notes)).joined(separator: "\n")
                },
                met: { results in !results.contains { $0.cpuMet == false || $0.rssMet == false } }
            )
        }
    }
}
