/// One bus (a TCP address or a serial line): how its polls go.
public struct LineStats: Sendable, Codable, Equatable {
    /// `tcp://host:port` or `rtu:///dev/ttyS1`.
    public var line: String
    public var devices: Int
    public var polls: UInt64
    public var errors: UInt64
    public var latency: LatencyHistogram

    public init(line: String, devices: Int, polls: UInt64 = 0, errors: UInt64 = 0, latency: LatencyHistogram = LatencyHistogram()) {
        self.line = line
        self.devices = devices
        self.polls = polls
        self.errors = errors
        self.latency = latency
    }
}
