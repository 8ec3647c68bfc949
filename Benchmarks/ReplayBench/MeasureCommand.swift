import ArgumentParser
import BenchSupport
import Foundation

/// The benchmark proper; `ReplayBench` with no subcommand runs it.
struct MeasureCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "measure",
        abstract: "Journal N events while the broker is down, start it, and time the drain.",
        discussion: """
            Exits 1 when an event was lost or still pending, or the priority order was broken; \
            3 when only the replay rate is below 5 000 events/s; 2 when the rig could not be set up.
            """
    )

    @Option(help: "Events journaled during the outage (1 % emergency, 4 % alarm, 10 % fault, 85 % status).")
    var events: Int = 100_000

    @Option(help: "Seed of the order in which the severities are mixed.")
    var seed: UInt64 = 1

    @Option(help: "Events per second into the router during the outage; 0: as fast as it takes them.")
    var rate: Int = 0

    @Option(help: "Seconds the broker stays down after the last event is journaled.")
    var outage: Double = 1

    @Option(help: "Give up when no event arrived at the subscriber for this many seconds.")
    var idleTimeout: Double = 15

    @Flag(help: "Print one JSON object instead of the table.")
    var json = false

    @Flag(help: "Keep the work folder (site file, journal, gateway and broker logs) and print where it is.")
    var keep = false

    func validate() throws {
        guard (100...10_000_000).contains(events) else { throw ValidationError("--events must be 100–10 000 000") }
        guard rate >= 0 else { throw ValidationError("--rate must be ≥ 0") }
        guard outage >= 0, idleTimeout > 0 else { throw ValidationError("--outage must be ≥ 0 and --idle-timeout > 0") }
    }

    func run() async throws {
        Interrupt.install()
        let settings = ReplaySettings(
            events: events, seed: seed, rate: rate, outageSeconds: outage, idleTimeoutSeconds: idleTimeout,
            executable: Self.executable, keep: keep,
            progress: { line in FileHandle.standardError.write(Data(("replay: " + line + "\n").utf8)) })
        let result: ReplayResult
        do {
            result = try await ReplayRun(settings: settings).run()
        } catch {
            FileHandle.standardError.write(Data("replay: error: \(error)\n".utf8))
            throw ExitCode(2)
        }
        print(json ? result.json() : result.table())
        if result.failed { throw ExitCode(1) }
        if !result.meetsRate { throw ExitCode(3) }
    }

    /// This very executable, which runs the measured gateway as its `gateway` subcommand.
    private static var executable: String {
        (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
    }
}
