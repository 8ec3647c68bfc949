import StatusPage

/// One vital part the watchdog consults before each ping: the router now, the journal once
/// it exists. `probe` must be cheap and must not wait on the part's own locks for long: it
/// runs every few seconds, and a part that does not answer is exactly what it looks for.
public struct HealthCheck: Sendable {
    public let name: String
    public let probe: @Sendable () -> HealthReport

    public init(name: String, probe: @escaping @Sendable () -> HealthReport) {
        self.name = name
        self.probe = probe
    }

    public func run() -> HealthReport { probe() }
}
