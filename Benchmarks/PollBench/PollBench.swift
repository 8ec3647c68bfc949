import ArgumentParser
import Foundation

/// Polls N simulated TCP devices with the gateway's `PollingService`, in this process, and
/// reports what polling alone costs: Modbus requests per second, CPU, memory, latency.
/// The simulators run as child processes, so their CPU is not counted. See docs/benchmarks.md.
@main
struct PollBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Measure polling: N devices at a poll interval, requests/s, CPU, memory.")

    @Option(help: "Devices (SOS columns) to poll.") var devices = 500
    @Option(help: "Devices per TCP address: 1 gives each its own connection and bus thread; more puts them behind one converter.")
    var unitsPerPort = 1
    @Option(help: "Poll interval in ms.") var pollMs = 100
    @Option(help: "Length of the measurement window in seconds.") var seconds = 30
    @Option(help: "The campus-gateway executable used as simulator.") var binary = ".build/release/campus-gateway"
    @Option(help: "Devices per simulator process (one process serves at most about 250 endpoints).") var devicesPerSimulator = 200
    @Flag(help: "One JSON object instead of the table.") var json = false

    mutating func run() async throws {
        let rig = PollRig(
            devices: devices, unitsPerPort: unitsPerPort, pollMs: pollMs, binary: binary,
            devicesPerSimulator: devicesPerSimulator
        )
        let result = try await rig.measure(seconds: seconds)
        print(json ? result.json : result.table)
    }
}
