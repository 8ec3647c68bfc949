import GatewayCore
import SiteConfig
import Testing

@testable import EventRouter

/// A sink whose first hand-over blocks until released: the dispatcher is held up, so
/// everything submitted meanwhile waits in the router's lanes.
final class HoldingSink: DispatchSink {
    private let lock = ConditionLock()
    // Guarded by `lock`.
    private nonisolated(unsafe) var held = false
    private nonisolated(unsafe) var released = false
    private nonisolated(unsafe) var log: [Event] = []

    func dispatch(_ event: Event, to destinations: Destinations) {
        lock.withLock {
            log.append(event)
            if !held {
                held = true
                lock.broadcast()
                while !released { lock.wait(untilMonotonic: nil) }
            }
        }
    }

    func updateState(_ snapshot: DeviceSnapshot) {}
    func waitUntilHeld() { lock.withLock { while !held { lock.wait(untilMonotonic: nil) } } }
    func release() {
        lock.withLock { released = true }
        lock.broadcast()
    }
    var events: [Event] { lock.withLock { log } }
}
