/// One run's choices, from the command line.
struct ReplaySettings: Sendable {
    var events: Int
    var seed: UInt64
    /// Events per second into the router; 0: as fast as it takes them.
    var rate: Int
    /// How long the broker stays down after the last event is journaled.
    var outageSeconds: Double
    /// Gives up on the drain when no flood event arrived for this long.
    var idleTimeoutSeconds: Double
    /// This executable: it runs the measured gateway as a child (`gateway` subcommand).
    var executable: String
    var keep: Bool
    var progress: @Sendable (String) -> Void

    /// The replay target (events/s, first to last flood event at the subscriber).
    static let targetRate = 5_000.0
}
