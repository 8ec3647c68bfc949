import GatewayCore

/// Counts down the parts that must be up before systemd hears `READY=1`: polling started
/// and, when enabled, the status server listening (or given up on). Calls `whenReady` once.
final class Readiness: Sendable {
    private let lock = ConditionLock()
    // Guarded by `lock`.
    private nonisolated(unsafe) var waiting: Int
    private let whenReady: @Sendable () -> Void

    init(parts: Int, whenReady: @escaping @Sendable () -> Void) {
        waiting = parts
        self.whenReady = whenReady
    }

    func partIsUp() {
        let ready = lock.withLock {
            guard waiting > 0 else { return false }
            waiting -= 1
            return waiting == 0
        }
        if ready { whenReady() }
    }
}
