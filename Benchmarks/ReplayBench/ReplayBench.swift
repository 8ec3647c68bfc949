import ArgumentParser

/// Journal replay after a broker outage: see docs/benchmarks.md, "Replay (ReplayBench)".
@main
struct ReplayBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ReplayBench",
        abstract: "Time the drain of a journaled backlog after a broker outage, and the order it leaves in.",
        subcommands: [MeasureCommand.self, GatewayCommand.self],
        defaultSubcommand: MeasureCommand.self
    )
}
