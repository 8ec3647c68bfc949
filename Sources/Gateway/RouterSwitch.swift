import EventRouter
import GatewayCore

/// The router polling hands its events to, replaceable by a reload. A hand-over and a swap
/// take the same lock, so the new router continues the old one's `seq` with no gap and no
/// repeat, and no event goes to a router that has been replaced. The router serialises
/// hand-overs under its own lock anyway, so this lock adds no waiting of its own.
final class RouterSwitch: EventSink {
    private let lock = ConditionLock()
    // Guarded by `lock`.
    private nonisolated(unsafe) var router: EventRouter

    init(_ router: EventRouter) {
        self.router = router
    }

    var current: EventRouter { lock.withLock { router } }

    func submit(_ event: Event) {
        lock.withLock { router.submit(event) }
    }

    func updateState(_ snapshot: DeviceSnapshot) {
        lock.withLock { router.updateState(snapshot) }
    }

    /// Installs the router `make` builds from the `seq` its predecessor would have given next.
    func replace(_ make: (_ nextSeq: UInt64) -> EventRouter) {
        lock.withLock { router = make(router.upcomingSeq) }
    }
}
