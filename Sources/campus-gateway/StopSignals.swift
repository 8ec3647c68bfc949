import Dispatch

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// SIGINT and SIGTERM as events of dispatch sources, so a command can stop its servers and
/// close their ports before exiting. Installed as early as possible: once they exist, a
/// signal is never the default action that kills the process.
final class StopSignals: Sendable {
    private let stream: AsyncStream<Void>
    private let continuation: AsyncStream<Void>.Continuation
    // Dispatch sources are thread-safe objects (resume and cancel may be called from any
    // thread); they are only not marked Sendable.
    private nonisolated(unsafe) let sources: [any DispatchSourceSignal]

    init() {
        let (stream, continuation) = AsyncStream.makeStream(of: Void.self)
        self.stream = stream
        self.continuation = continuation
        sources = [SIGINT, SIGTERM].map { number in
            // Darwin delivers to kqueue only when the default action is off; Linux's
            // dispatch installs its own handler.
            #if canImport(Darwin)
            signal(number, SIG_IGN)
            #endif
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler { continuation.yield() }
            source.resume()
            return source
        }
    }

    /// Ends `wait()` as a signal would.
    func finish() { continuation.yield() }

    /// Returns at the first signal (or `finish()`), and stops listening.
    func wait() async {
        for await _ in stream { break }
        for source in sources { source.cancel() }
    }
}
