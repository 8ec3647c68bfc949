import GatewayCore
import SiteConfig

@testable import EventRouter

/// A clock the test moves by hand.
final class ManualClock: RouterClock {
    private let lock = ConditionLock()
    // Guarded by `lock`.
    private nonisolated(unsafe) var wall: Int64
    private nonisolated(unsafe) var monotonic: UInt64 = 1_000_000_000

    init(wall: Int64 = 1_764_000_000_000) { self.wall = wall }

    func wallMilliseconds() -> Int64 { lock.withLock { wall } }
    func monotonicNanoseconds() -> UInt64 { lock.withLock { monotonic } }

    func advance(_ duration: Duration) {
        lock.withLock {
            wall += duration.milliseconds
            monotonic += duration.nanoseconds
        }
    }

    func set(wall: Int64) { lock.withLock { self.wall = wall } }
}

/// Keeps every hand-over with its destinations.
final class RecordingSink: DispatchSink {
    private let lock = ConditionLock()
    // Guarded by `lock`.
    private nonisolated(unsafe) var log: [(event: Event, destinations: Destinations)] = []

    func dispatch(_ event: Event, to destinations: Destinations) { lock.withLock { log.append((event, destinations)) } }
    func updateState(_ snapshot: DeviceSnapshot) {}

    var handedOver: [(event: Event, destinations: Destinations)] { lock.withLock { log } }
    var events: [Event] { handedOver.map(\.event) }
}

/// An executor that records requests and answers each at once with a set outcome.
final class RecordingExecutor: CommandExecutor {
    private let lock = ConditionLock()
    // Guarded by `lock`.
    private nonisolated(unsafe) var log: [CommandRequest] = []
    private nonisolated(unsafe) var outcome: CommandResult.Outcome = .done

    func execute(_ request: CommandRequest, completion: @escaping @Sendable (CommandResult) -> Void) {
        let outcome = lock.withLock {
            log.append(request)
            return self.outcome
        }
        completion(CommandResult(request: request, outcome: outcome, elapsed: .milliseconds(3)))
    }

    func answer(_ outcome: CommandResult.Outcome) { lock.withLock { self.outcome = outcome } }
    var requests: [CommandRequest] { lock.withLock { log } }
}

/// Devices for rules that select on tags and locations.
enum Fixtures {
    static let profile = DeviceProfile(name: "p", sourceFile: "/p.yaml", points: [])

    static func device(_ id: String, tags: [String] = [], location: String = "") -> DeviceConfig {
        DeviceConfig(
            id: id, profile: profile, connection: .tcp(host: "127.0.0.1", port: 502), unit: 1, poll: .seconds(1),
            timeout: .milliseconds(500), location: location, tags: tags)
    }

    static func event(
        _ kind: EventKind, _ severity: Severity = .major, device: String = "d1", state: EventState = .active, point: String = ""
    ) -> Event {
        Event(site: "s", device: device, point: point, kind: kind, state: state, severity: severity, timestamp: 1)
    }
}
