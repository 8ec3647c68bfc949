import GatewayCore

/// What a `ModbusServer`'s public methods and its serving thread share. Every `var` is read
/// and written with `lock` held; the thread broadcasts on `lock` whenever it has applied a
/// request, so callers can wait for it.
///
/// `@unchecked Sendable`: all mutable state is guarded by `lock`; `wake` is thread-safe.
final class ServerControl: @unchecked Sendable {
    let lock = ConditionLock()
    let wake: WakePipe

    /// Units that get no answer.
    var muted: Set<Int> = []
    /// Units that answer wrongly.
    var faults: [Int: ServerFault] = [:]
    /// TCP only: whether the listener should be open (the loop makes it so).
    var wantListening = true
    /// TCP only: whether it is.
    var listening = false
    /// Why the last attempt to listen again failed.
    var listenError: ModbusError?
    /// The port actually bound (differs from the asked one when that was 0).
    var boundPort = 0
    var stopping = false
    /// The loop has returned and closed everything.
    var finished = false
    var thread: DedicatedThread?

    init() throws(ModbusError) {
        wake = try WakePipe()
    }

    func isMuted(_ unit: Int) -> Bool {
        lock.withLock { muted.contains(unit) }
    }

    func fault(_ unit: Int) -> ServerFault? {
        lock.withLock { faults[unit] }
    }

    /// Marks the loop finished and wakes every waiter.
    func finish() {
        lock.withLock {
            finished = true
            listening = false
        }
        lock.broadcast()
    }

    /// Waits (lock held) until `done` holds, the loop has finished, or 5 s passed: the loop
    /// answers within a byte timeout, so the bound only guards against a wedged peer.
    func waitLocked(until done: () -> Bool) {
        let deadline = WallClock.monotonicNanoseconds() + 5_000_000_000
        while !done() && !finished {
            if !lock.wait(untilMonotonic: deadline) && WallClock.monotonicNanoseconds() >= deadline { return }
        }
    }
}
