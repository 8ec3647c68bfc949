import GatewayCore

/// An `EventSink` that keeps everything it is given, for tests to wait on.
final class EventCollector: EventSink {
    private let lock = ConditionLock()
    // Guarded by `lock`.
    private nonisolated(unsafe) var received: [Event] = []
    private nonisolated(unsafe) var states: [String: DeviceSnapshot] = [:]

    func submit(_ event: Event) { lock.withLock { received.append(event) } }
    func updateState(_ snapshot: DeviceSnapshot) { lock.withLock { states[snapshot.device] = snapshot } }

    var events: [Event] { lock.withLock { received } }
    func state(_ device: String) -> DeviceSnapshot? { lock.withLock { states[device] } }

    struct Timeout: Error, CustomStringConvertible {
        let description: String
    }

    /// The first event from index `after` on that matches, waiting up to `timeout`.
    @discardableResult
    func next(
        _ what: String, after: Int = 0, timeout: Duration = .seconds(5), where predicate: (Event) -> Bool
    ) async throws -> Event {
        let deadline = ContinuousClock.now + timeout
        while true {
            let all = events
            if after < all.count, let found = all[after...].first(where: predicate) { return found }
            guard ContinuousClock.now < deadline else {
                throw Timeout(description: "no \(what) within \(timeout); got \(all.map { "\($0.device)/\($0.point) \($0.kind) \($0.state)" })")
            }
            try await Task.sleep(for: .milliseconds(10))
        }
    }

    /// Waits until `condition` holds on the collected events.
    func wait(_ what: String, timeout: Duration = .seconds(5), until condition: ([Event]) -> Bool) async throws {
        let deadline = ContinuousClock.now + timeout
        while !condition(events) {
            guard ContinuousClock.now < deadline else { throw Timeout(description: "\(what) not reached within \(timeout)") }
            try await Task.sleep(for: .milliseconds(10))
        }
    }

    /// Waits until the device's published state satisfies `condition`.
    func waitForState(_ device: String, timeout: Duration = .seconds(5), _ condition: (DeviceSnapshot) -> Bool) async throws {
        let deadline = ContinuousClock.now + timeout
        while !(state(device).map(condition) ?? false) {
            guard ContinuousClock.now < deadline else { throw Timeout(description: "state of \(device) not reached within \(timeout)") }
            try await Task.sleep(for: .milliseconds(10))
        }
    }
}
