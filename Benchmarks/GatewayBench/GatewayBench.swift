import BenchSupport
import ArgumentParser
import Foundation

/// End-to-end benchmark of the built `campus-gateway` binary: a private mosquitto, the
/// simulator and the gateway as separate processes; alarm flips pressed over the
/// simulator's control port and timed to the subscriber; the gateway's CPU and memory read
/// from /proc. See docs/benchmarks.md.
@main
struct GatewayBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "GatewayBench",
        abstract: "Measure alarm latency, CPU and memory of the real campus-gateway binary.",
        discussion: """
            Build the gateway first: swift build -c release --product campus-gateway. \
            Exits 1 when any alarm flip was lost (no event within 2 s), 2 on a setup failure.
            """
    )

    @Option(help: "a: tamper flips; b: the same with a second uplink down and a lower-priority backlog; c: emergency buttons pressed at once, in rounds.")
    var scenario: Scenario = .a

    @Option(help: "Simulated SOS buttons, each on its own loopback port (one gateway bus thread each).")
    var devices: Int = 100

    @Option(help: "Length of the measurement window in seconds (scenarios a and b).")
    var seconds: Int = 60

    @Option(help: "Devices per simulator process (one process aborts above about 250 TCP endpoints).")
    var devicesPerSimulator: Int = 200

    @Option(help: "The campus-gateway executable to measure.")
    var binary: String = ".build/release/campus-gateway"

    @Option(help: "Folder holding sos-button.yaml (default: the repository's DeviceProfiles).")
    var profiles: String = BenchSite.defaultProfilesFolder

    @Option(help: "Shortest gap between two alarm flips, in milliseconds.")
    var minGapMs: Int = 200

    @Option(help: "Longest gap between two alarm flips, in milliseconds.")
    var maxGapMs: Int = 600

    @Option(help: "Seed for the random device choice and gaps (default: random).")
    var seed: UInt64?

    @Flag(help: "Leave Nagle's algorithm on in the broker (mosquitto's default): adds up to 40 ms after a QoS 0 message.")
    var brokerNagle = false

    @Option(help: "(b) Events the down uplink must hold before the window starts.")
    var backlog: Int = 10_000

    @Option(help: "(b) Lower-priority input changes per second during the window.")
    var telemetryPerSecond: Int = 100

    @Option(help: "(c) Rounds of presses.")
    var rounds: Int = 12

    @Option(help: "(c) Emergency buttons pressed at once in each round.")
    var presses: Int = 20

    @Option(help: "Folder for the gateway's journal (default: the run's own folder, on the same disk as /tmp); /dev/shm shows the share without the disk's fsync.")
    var journalFolder: String?

    @Flag(help: "Print one JSON object instead of the table.")
    var json = false

    @Option(help: "Also write one CSV line per alarm flip (time, device, latency, pipeline) to this file.")
    var samples: String?

    @Flag(help: "Keep the work folder (site file, logs) and print where it is.")
    var keep = false

    func validate() throws {
        guard (1...2000).contains(devices) else { throw ValidationError("--devices must be 1–2000") }
        guard (1...3600).contains(seconds) else { throw ValidationError("--seconds must be 1–3600") }
        guard (1...240).contains(devicesPerSimulator) else { throw ValidationError("--devices-per-simulator must be 1–240") }
        guard minGapMs >= 1, maxGapMs >= minGapMs else { throw ValidationError("need 1 ≤ --min-gap-ms ≤ --max-gap-ms") }
        guard (1...devices).contains(presses) else { throw ValidationError("--presses must be 1–\(devices) (one button per device)") }
        guard (1...1000).contains(rounds) else { throw ValidationError("--rounds must be 1–1000") }
        guard backlog >= 0, (0...800).contains(telemetryPerSecond) else {
            throw ValidationError("need --backlog ≥ 0 and 0 ≤ --telemetry-per-second ≤ 800 (two inputs per device, each changed at most every 250 ms)")
        }
    }

    func run() async throws {
        Interrupt.install()
        let settings = BenchSettings(
            scenario: scenario, devices: devices, devicesPerSimulator: devicesPerSimulator, seconds: seconds, binary: Self.absolute(binary), profiles: Self.absolute(profiles),
            minGapMs: minGapMs, maxGapMs: maxGapMs, seed: seed ?? UInt64.random(in: 0...UInt64.max), brokerNagle: brokerNagle, keep: keep,
            samplesPath: samples.map(Self.absolute), backlogTarget: backlog, telemetryPerSecond: telemetryPerSecond, rounds: rounds,
            pressesPerRound: presses, journalFolder: journalFolder.map(Self.absolute),
            progress: { line in FileHandle.standardError.write(Data(("bench: " + line + "\n").utf8)) }
        )
        let result: BenchResult
        do {
            result = try await BenchRun(settings: settings).run()
        } catch {
            FileHandle.standardError.write(Data("bench: error: \(error)\n".utf8))
            throw ExitCode(2)
        }
        print(json ? result.json() : result.table())
        if result.latency.lost > 0 { throw ExitCode(1) }
    }

    static func absolute(_ path: String) -> String {
        path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
    }
}
