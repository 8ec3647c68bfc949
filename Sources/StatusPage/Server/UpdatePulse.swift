import ServiceLifecycle

/// One tick a second for every open live page: each subscriber gets an `AsyncStream` that
/// yields on every tick and ends when the server shuts down, so no open page holds the
/// shutdown back.
final class UpdatePulse: Service, Sendable {
    private let interval: Duration
    private let subscribers = Subscribers()

    init(interval: Duration) {
        self.interval = interval
    }

    func subscribe() -> AsyncStream<Void> {
        let (stream, continuation) = AsyncStream<Void>.makeStream(bufferingPolicy: .bufferingNewest(1))
        subscribers.add(continuation)
        return stream
    }

    func run() async throws {
        await withGracefulShutdownHandler {
            while !Task.isCancelled && !Task.isShuttingDownGracefully && !subscribers.isFinished {
                try? await cancelWhenGracefulShutdown { try await Task.sleep(for: self.interval) }
                subscribers.tick()
            }
        } onGracefulShutdown: {
            self.subscribers.finish()
        }
        subscribers.finish()
    }

    /// Ends every live page's stream now.
    func finish() { subscribers.finish() }
}
