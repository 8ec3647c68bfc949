import GatewayCore

/// Counts down the parts that must be up before systemd hears `READY=1`: polling started
/// and, when enabled, the status server listening (or given up on). Calls the handler once.
final class Readiness: Sendable {
    private let lock = ConditionLock()
    // Guarded by `lock`.
    private nonisolated(unsafe) var waiting: Int
    private nonisolated(unsafe) var handler: (@Sendable () -> Void)?

    init(parts: Int) {
        waiting = parts
    }

    /// Set before anything can be up.
    func whenReady(_ handler: @escaping @Sendable () -> Void) {
        lock.withLock { self.handler = handler }
    }

    func partIsUp() {
        let ready: (@Sendable () -> Void)? = lock.withLock {
            guard waiting > 0 else { return nil }
            waiting -= 1
            return waiting == 0 ? handler : nil
        }
        ready?()
    }
}
