#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// An OS thread outside Swift's cooperative pool, for loops that block: a bus worker in
/// libmodbus calls, a Modbus server in `poll`, an uplink publisher on its condition.
/// On a 2-core machine the pool has two threads, and blocking one stalls every task.
///
/// `@unchecked Sendable`: `handle` never changes after init, and `joined` is only read and
/// written under `lock`.
public final class DedicatedThread: @unchecked Sendable {
    private final class Body: Sendable {
        let name: String
        let run: @Sendable () -> Void
        init(name: String, _ run: @escaping @Sendable () -> Void) {
            self.name = name
            self.run = run
        }
    }

    private let handle: pthread_t
    private let lock = ConditionLock()
    private var joined = false

    /// Starts `body` on a new joinable thread. `name` labels errors.
    public init(name: String, _ body: @escaping @Sendable () -> Void) throws(ThreadStartError) {
        handle = try Self.spawn(Body(name: name, body))
    }

    /// Starts `body` on a thread nobody joins; the body signals its own completion. If no
    /// thread can be made, runs `body` inline rather than lose the work.
    public static func detach(name: String, _ body: @escaping @Sendable () -> Void) {
        do {
            let thread = try spawn(Body(name: name, body))
            pthread_detach(thread)
        } catch {
            body()
        }
    }

    /// A thread nobody joined releases its resources when it ends.
    deinit {
        if !joined { pthread_detach(handle) }
    }

    /// Waits for the body to return. Safe to call more than once, never from the thread itself.
    public func join() {
        let first = lock.withLock {
            defer { joined = true }
            return !joined
        }
        if first { pthread_join(handle, nil) }
    }

    private static func spawn(_ body: Body) throws(ThreadStartError) -> pthread_t {
        let context = Unmanaged.passRetained(body).toOpaque()
        #if os(Linux)
        var thread = pthread_t()
        #else
        var thread: pthread_t?
        #endif
        let rc = pthread_create(&thread, nil, { raw in
            guard let raw else { return nil }
            let body = Unmanaged<Body>.fromOpaque(raw).takeRetainedValue()
            body.run()
            return nil
        }, context)
        guard rc == 0 else {
            Unmanaged<Body>.fromOpaque(context).release()
            throw ThreadStartError(name: body.name, errno: rc)
        }
        #if os(Linux)
        return thread
        #else
        return thread!
        #endif
    }
}

/// The system would not start another thread (out of memory or over a process limit).
public struct ThreadStartError: Error, Sendable, CustomStringConvertible {
    public let name: String
    public let errno: Int32
    public var description: String { "cannot start thread '\(name)': error \(errno)" }
}
