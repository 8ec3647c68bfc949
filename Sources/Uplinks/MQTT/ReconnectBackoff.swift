import GatewayCore

/// Delays between connection attempts: exponential from `minimum` to a cap, with ±20 %
/// jitter so a fleet of gateways does not reconnect in lock-step after a broker restart.
struct ReconnectBackoff {
    let minimum: Duration
    let maximum: Duration
    let refusedMaximum: Duration
    private var current: Duration?

    init(minimum: Duration, maximum: Duration, refusedMaximum: Duration) {
        self.minimum = minimum
        self.maximum = max(minimum, maximum)
        self.refusedMaximum = max(self.maximum, refusedMaximum)
    }

    /// After a connection that worked: the next attempt goes at once.
    mutating func reset() { current = nil }

    /// The delay before the next attempt after a failed one, in nanoseconds.
    mutating func next(refused: Bool) -> UInt64 {
        let cap = refused ? refusedMaximum : maximum
        let base = current.map { min($0 * 2, cap) } ?? minimum
        current = base
        let jitter = Double.random(in: 0.8...1.2)
        return UInt64(Double(base.nanoseconds) * jitter)
    }
}
