import ArgumentParser

/// Options every subcommand takes.
struct CommonOptions: ParsableArguments {
    @Option(help: "The campus-gateway executable measured (and used as simulator).")
    var binary: String = ".build/release/campus-gateway"

    @Option(help: "Seed for the value changes and command targets (default: random).")
    var seed: UInt64?

    @Flag(help: "Print one JSON object instead of the tables.")
    var json = false

    @Flag(help: "Keep the work folder (generated profile, site file, logs) and print where it is.")
    var keep = false

    func settings(seconds: Int, settle: Int, changing: Double) -> RunSettings {
        RunSettings(
            binary: ScaleBench.absolute(binary), seconds: seconds, settleSeconds: settle, changingPercent: changing,
            seed: seed ?? UInt64.random(in: 0...UInt64.max), keep: keep, progress: ScaleBench.progress
        )
    }
}
