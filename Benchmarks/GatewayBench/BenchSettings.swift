/// What one benchmark run does, from the command line.
struct BenchSettings: Sendable {
    var devices: Int
    var seconds: Int
    /// Absolute path of the campus-gateway executable.
    var binary: String
    /// Absolute folder holding sos-button.yaml.
    var profiles: String
    var minGapMs: Int
    var maxGapMs: Int
    var seed: UInt64
    var keep: Bool
    /// Progress lines for a person (stderr), never part of the result.
    var progress: @Sendable (String) -> Void

    /// The polling the site file asks for; the latency floor follows from it.
    static let pollMs = 100
    static let timeoutMs = 200
    /// An alarm flip with no event after this long counts as lost.
    static let lossTimeoutMs = 2000

    /// Modbus read requests per second the site asks for: the sos-button profile's four
    /// discrete inputs are one request per poll.
    var expectedRequestsPerSecond: Int { devices * 1000 / Self.pollMs }
}
