import ArgumentParser

/// The runs the end-to-end requirement asks for, each one command (docs/benchmarks.md).
enum Scenario: String, CaseIterable, ExpressibleByArgument, Sendable {
    /// Tamper flips at random moments on N SOS columns polled every 100 ms.
    case a
    /// The same, with a second uplink down (a closed port) and at least 10 000 lower-priority
    /// events queued in the gateway before and while the flips are measured.
    case b
    /// 20 emergency buttons pressed at once, round after round, reset between rounds by
    /// signed-off `reset` commands from the platform.
    case c

    var title: String {
        switch self {
        case .a: "(a) tamper flips, one uplink"
        case .b: "(b) tamper flips, second uplink down, lower-priority backlog"
        case .c: "(c) emergency buttons pressed at once, reset by platform command"
        }
    }
}
