import GatewayCore

/// The live pages' streams; a finished one is dropped on the next tick.
final class Subscribers: Sendable {
    private let lock = ConditionLock()
    // Guarded by `lock`.
    private nonisolated(unsafe) var continuations: [AsyncStream<Void>.Continuation] = []
    private nonisolated(unsafe) var finished = false

    func add(_ continuation: AsyncStream<Void>.Continuation) {
        let accepted = lock.withLock {
            if !finished { continuations.append(continuation) }
            return !finished
        }
        if accepted { continuation.yield() } else { continuation.finish() }
    }

    var isFinished: Bool { lock.withLock { finished } }

    func tick() {
        lock.withLock {
            continuations.removeAll { continuation in
                if case .terminated = continuation.yield() { return true }
                return false
            }
        }
    }

    func finish() {
        let all = lock.withLock {
            finished = true
            defer { continuations = [] }
            return continuations
        }
        for continuation in all { continuation.finish() }
    }
}
