#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// An OS thread outside Swift's cooperative pool, for work that blocks (waiting on a
/// condition, joining libmosquitto's thread). On a 2-core machine the pool has two threads;
/// blocking one of them stalls every task.
enum DedicatedThread {
    private final class Body {
        let run: @Sendable () -> Void
        init(_ run: @escaping @Sendable () -> Void) { self.run = run }
    }

    /// Starts `body` on a new detached thread. Completion is the body's to signal.
    static func detach(_ body: @escaping @Sendable () -> Void) {
        let box = Unmanaged.passRetained(Body(body)).toOpaque()
        #if canImport(Glibc)
        var thread = pthread_t()
        #else
        var thread: pthread_t? = nil
        #endif
        let rc = pthread_create(&thread, nil, { arg in
            guard let arg else { return nil }
            let body = Unmanaged<Body>.fromOpaque(arg).takeRetainedValue()
            body.run()
            return nil
        }, box)
        guard rc == 0 else {
            // Out of threads: run inline rather than lose the work.
            let body = Unmanaged<Body>.fromOpaque(box).takeRetainedValue()
            body.run()
            return
        }
        pthread_detach(thread)
    }
}
