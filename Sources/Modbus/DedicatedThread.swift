#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One OS thread running one blocking loop. libmodbus calls block, so a server's loop must
/// never run on the cooperative pool (two threads on a 2-core machine).
final class DedicatedThread {
    private final class Body: Sendable {
        let run: @Sendable () -> Void
        init(_ run: @escaping @Sendable () -> Void) { self.run = run }
    }

    private let handle: pthread_t
    private var joined = false

    /// Starts `body` on a new thread; `name` only labels errors.
    init(name: String, _ body: @escaping @Sendable () -> Void) throws(ModbusError) {
        let context = Unmanaged.passRetained(Body(body)).toOpaque()
        #if os(Linux)
        var thread = pthread_t()
        #else
        var thread: pthread_t?
        #endif
        let rc = pthread_create(&thread, nil, { raw in
            guard let raw else { return nil }
            Unmanaged<Body>.fromOpaque(raw).takeRetainedValue().run()
            return nil
        }, context)
        guard rc == 0 else {
            Unmanaged<Body>.fromOpaque(context).release()
            throw ModbusError.fromErrno(rc, while: "start thread \(name)")
        }
        #if os(Linux)
        handle = thread
        #else
        handle = thread!
        #endif
    }

    /// Waits for the loop to return. Call once, from another thread.
    func join() {
        guard !joined else { return }
        joined = true
        pthread_join(handle, nil)
    }
}
