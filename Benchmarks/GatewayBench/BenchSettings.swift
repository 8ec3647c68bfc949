import BenchSupport

/// What one benchmark run does, from the command line.
struct BenchSettings: Sendable {
    var scenario: Scenario
    var devices: Int
    /// Devices served by one simulator process.
    var devicesPerSimulator: Int
    var seconds: Int
    /// Absolute path of the campus-gateway executable.
    var binary: String
    /// Absolute folder holding sos-button.yaml.
    var profiles: String
    var minGapMs: Int
    var maxGapMs: Int
    var seed: UInt64
    /// Keep mosquitto's default `set_tcp_nodelay false` (Nagle towards subscribers).
    var brokerNagle: Bool
    var keep: Bool
    /// Where to write one CSV line per matched flip, if anywhere.
    var samplesPath: String?
    /// (b): lower-priority events the second uplink must hold before the window starts,
    /// and the rate (changes/s) of that load during the window.
    var backlogTarget: Int
    var telemetryPerSecond: Int
    /// (c): rounds, and buttons pressed at once in each.
    var rounds: Int
    var pressesPerRound: Int
    /// Where the journal goes instead of the run's folder (a tmpfs, to take the disk out).
    var journalFolder: String?
    /// Progress lines for a person (stderr), never part of the result.
    var progress: @Sendable (String) -> Void

    /// The polling the site file asks for; the latency floor follows from it.
    static let pollMs = 100
    static let timeoutMs = 200
    /// An alarm flip with no event after this long counts as lost.
    static let lossTimeoutMs = 2000

    /// The device index ranges of the simulator processes.
    var simulatorShards: [Range<Int>] {
        stride(from: 0, to: devices, by: devicesPerSimulator).map { $0..<min(devices, $0 + devicesPerSimulator) }
    }

    /// Modbus read requests per second the site asks for: the sos-button profile's four
    /// discrete inputs are one request per poll.
    var expectedRequestsPerSecond: Int { devices * 1000 / Self.pollMs }
}
