import GatewayCore

/// A one-shot signal async code can await: set once from any thread (a dedicated thread
/// finishing), awaited by any number of tasks without blocking a pool thread.
final class Completion: Sendable {
    private let lock = ConditionLock()
    // Guarded by `lock`.
    private nonisolated(unsafe) var done = false
    private nonisolated(unsafe) var waiters: [CheckedContinuation<Void, Never>] = []

    func signal() {
        let waiting = lock.withLock {
            done = true
            defer { waiters = [] }
            return waiters
        }
        for waiter in waiting { waiter.resume() }
    }

    var isDone: Bool { lock.withLock { done } }

    func wait() async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let resumeNow = lock.withLock {
                if done { return true }
                waiters.append(continuation)
                return false
            }
            if resumeNow { continuation.resume() }
        }
    }
}
