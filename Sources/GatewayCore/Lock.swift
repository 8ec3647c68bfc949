#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A pthread mutex with a condition variable. Used instead of `Synchronization.Mutex` on
/// paths shared with C threads, where ThreadSanitizer misreports `Mutex` on Linux, and
/// where a thread must sleep until signalled.
///
/// `@unchecked Sendable`: the pthread objects are heap-allocated once, never moved, and
/// only touched through pthread calls, which are thread-safe by contract.
public final class ConditionLock: @unchecked Sendable {
    private let mutex: UnsafeMutablePointer<pthread_mutex_t>
    private let cond: UnsafeMutablePointer<pthread_cond_t>

    public init() {
        mutex = .allocate(capacity: 1)
        mutex.initialize(to: pthread_mutex_t())
        pthread_mutex_init(mutex, nil)
        cond = .allocate(capacity: 1)
        cond.initialize(to: pthread_cond_t())
        var attr = pthread_condattr_t()
        pthread_condattr_init(&attr)
        #if os(Linux)
        // Deadlines are monotonic, so a wall-clock jump (NTP at boot) never stalls a wait.
        pthread_condattr_setclock(&attr, CLOCK_MONOTONIC)
        #endif
        pthread_cond_init(cond, &attr)
        pthread_condattr_destroy(&attr)
    }

    deinit {
        pthread_cond_destroy(cond)
        pthread_mutex_destroy(mutex)
        cond.deallocate()
        mutex.deallocate()
    }

    public func lock() { pthread_mutex_lock(mutex) }
    public func unlock() { pthread_mutex_unlock(mutex) }

    @inline(__always)
    public func withLock<T, E: Error>(_ body: () throws(E) -> T) throws(E) -> T {
        pthread_mutex_lock(mutex)
        defer { pthread_mutex_unlock(mutex) }
        return try body()
    }

    /// Wakes every waiter. Call with or without the lock held.
    public func broadcast() { pthread_cond_broadcast(cond) }

    /// Waits with the lock held until signalled or until `deadline` (monotonic ns; nil waits
    /// forever). Returns false on timeout. Spurious wake-ups happen: re-check the condition.
    @discardableResult
    public func wait(untilMonotonic deadline: UInt64?) -> Bool {
        guard let deadline else {
            pthread_cond_wait(cond, mutex)
            return true
        }
        #if os(Linux)
        var ts = timespec(tv_sec: Int(deadline / 1_000_000_000), tv_nsec: Int(deadline % 1_000_000_000))
        #else
        let remaining = deadline &- min(deadline, WallClock.monotonicNanoseconds())
        var now = timeval()
        gettimeofday(&now, nil)
        let wall = UInt64(now.tv_sec) * 1_000_000_000 + UInt64(now.tv_usec) * 1000 + remaining
        var ts = timespec(tv_sec: Int(wall / 1_000_000_000), tv_nsec: Int(wall % 1_000_000_000))
        #endif
        return pthread_cond_timedwait(cond, mutex, &ts) == 0
    }
}
