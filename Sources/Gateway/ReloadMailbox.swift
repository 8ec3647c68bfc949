import GatewayCore
import SiteConfig

/// What the supervisor waits for: a validated site from the reload path (answered once the
/// gateway built from it runs), or the end of one of its service groups (each has an id).
final class ReloadMailbox: Sendable {
    struct Request: Sendable {
        let site: Site
        let done: CheckedContinuation<Void, any Error>
    }

    enum Message: Sendable {
        case reload(Request)
        /// The service group with this id ended: with its error, or nil when it returned.
        case groupEnded(ObjectIdentifier, (any Error)?)
    }

    private let lock = ConditionLock()
    // Guarded by `lock`.
    private nonisolated(unsafe) var waiting: [Message] = []
    private nonisolated(unsafe) var receiver: CheckedContinuation<Message?, Never>?

    /// Delivers `site` and waits until the supervisor has started the gateway built from it.
    func send(_ site: Site) async throws {
        try await withCheckedThrowingContinuation { (done: CheckedContinuation<Void, any Error>) in
            deliver(.reload(Request(site: site, done: done)))
        }
    }

    func groupEnded(_ id: ObjectIdentifier, _ error: (any Error)?) {
        deliver(.groupEnded(id, error))
    }

    private func deliver(_ request: Message) {
        lock.lock()
        let taker = receiver
        receiver = nil
        if taker == nil { waiting.append(request) }
        lock.unlock()
        taker?.resume(returning: request)
    }

    /// The next message; nil when the waiting task is cancelled.
    func next() async -> Message? {
        await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Message?, Never>) in
                take(continuation)
            }
        } onCancel: {
            lock.lock()
            let taker = receiver
            receiver = nil
            lock.unlock()
            taker?.resume(returning: nil)
        }
    }

    private func take(_ continuation: CheckedContinuation<Message?, Never>) {
        lock.lock()
        if !waiting.isEmpty {
            let request = waiting.removeFirst()
            lock.unlock()
            continuation.resume(returning: request)
        } else if Task.isCancelled {
            lock.unlock()
            continuation.resume(returning: nil)
        } else {
            receiver = continuation
            lock.unlock()
        }
    }

    /// Refuses what is still waiting: the gateway is stopping.
    func close(_ error: any Error) {
        lock.lock()
        let pending = waiting
        waiting = []
        lock.unlock()
        for case .reload(let request) in pending { request.done.resume(throwing: error) }
    }
}
