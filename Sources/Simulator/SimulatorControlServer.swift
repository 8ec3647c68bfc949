import GatewayCore

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Serves `SimulatorCommandLine` on a loopback TCP port (127.0.0.1 only): each line a
/// client sends is answered with one line; any number of clients at once. Used by tests and
/// scripts (`printf 'press gate-sos button\n' | nc 127.0.0.1 PORT`).
///
/// Threading: one dedicated thread runs a `poll` loop over the listener and the clients and
/// executes the commands, one at a time. `start()` and `stop()` may be called from any thread.
///
/// `@unchecked Sendable`: `loop` and `thread` are only read and written with `state` held;
/// the rest is immutable.
public final class SimulatorControlServer: @unchecked Sendable {
    private let commandLine: SimulatorCommandLine
    private let requestedPort: Int
    private let state = ConditionLock()
    private var loop: ControlLoop?
    private var thread: DedicatedThread?

    /// `port` 0 picks a free port; read it from `port` after `start()`.
    public init(commandLine: SimulatorCommandLine, port: Int = 0) {
        self.commandLine = commandLine
        requestedPort = port
    }

    deinit {
        stop()
    }

    /// The port listened on (the requested one until started).
    public var port: Int {
        state.withLock { loop?.port ?? requestedPort }
    }

    /// Binds 127.0.0.1:port and starts serving. Throws when the port cannot be bound.
    public func start() throws(SimulatorError) {
        try state.withLock { () throws(SimulatorError) in
            guard loop == nil else { throw SimulatorError("control server already started") }
            let loop = try ControlLoop(port: requestedPort, commandLine: commandLine)
            do throws(ThreadStartError) {
                thread = try DedicatedThread(name: "simulator-control") { loop.run() }
            } catch {
                throw SimulatorError("\(error)")
            }
            self.loop = loop
        }
    }

    /// Closes the listener and every client; returns when the thread has ended. Idempotent.
    public func stop() {
        let (loop, thread) = state.withLock {
            let taken = (self.loop, self.thread)
            self.thread = nil
            return taken
        }
        loop?.requestStop()
        thread?.join()
    }
}
