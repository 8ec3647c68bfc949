import GatewayCore

/// A sink whose first hand-over blocks until `release()`: a journal or uplink that is
/// slow for a moment. Records every hand-over with its time.
final class HoldingSink: DispatchSink {
    private let lock = ConditionLock()
    // Guarded by `lock`.
    nonisolated(unsafe) private var held = false
    nonisolated(unsafe) private var released = false
    nonisolated(unsafe) private var log: [(event: Event, at: UInt64)] = []

    func dispatch(_ event: Event, to destinations: Destinations) {
        lock.withLock {
            log.append((event, WallClock.monotonicNanoseconds()))
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

    var handedOver: [(event: Event, at: UInt64)] { lock.withLock { log } }
}
