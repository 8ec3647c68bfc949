#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The lock whose holder is the router's one dispatcher at a time. Unlike `ConditionLock`
/// it offers `tryLock`: a producer that finds the gate taken leaves its event in the lanes
/// for the holder instead of waiting for it.
///
/// `@unchecked Sendable`: the mutex is heap-allocated once, never moved, and only touched
/// through pthread calls, which are thread-safe by contract.
final class DispatchGate: @unchecked Sendable {
    private let mutex: UnsafeMutablePointer<pthread_mutex_t>

    init() {
        mutex = .allocate(capacity: 1)
        mutex.initialize(to: pthread_mutex_t())
        pthread_mutex_init(mutex, nil)
    }

    deinit {
        pthread_mutex_destroy(mutex)
        mutex.deallocate()
    }

    @inline(__always) func lock() { pthread_mutex_lock(mutex) }
    @inline(__always) func unlock() { pthread_mutex_unlock(mutex) }
    /// False when another thread (or this one, re-entering) holds the gate.
    @inline(__always) func tryLock() -> Bool { pthread_mutex_trylock(mutex) == 0 }
}
