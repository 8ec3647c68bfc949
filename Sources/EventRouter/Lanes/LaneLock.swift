import Synchronization

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The short lock around the router's lanes: a push or a pop, tens of nanoseconds. It spins
/// instead of sleeping, because a sleeping waiter must be woken by the kernel, and on a
/// virtual machine waking an idle virtual CPU can take far longer than the wait itself.
/// After a few hundred tries (the holder was descheduled) it yields its CPU.
final class LaneLock: Sendable {
    private let held = Atomic<Bool>(false)

    init() {}

    @inline(__always)
    func withLock<T>(_ body: () -> T) -> T {
        lock()
        defer { held.store(false, ordering: .releasing) }
        return body()
    }

    @inline(__always)
    private func lock() {
        var tries = 0
        while true {
            if !held.load(ordering: .relaxed), held.compareExchange(expected: false, desired: true, ordering: .acquiring).exchanged {
                return
            }
            tries += 1
            if tries > 200 { sched_yield() }
        }
    }
}
