import DequeModule
import GatewayCore

/// A queue with one FIFO lane per priority (1 emergency … 4 status). `popFirst` always
/// takes from the most urgent non-empty lane, so an emergency is never queued behind
/// status traffic, however long that backlog is. Order within a lane is kept.
///
/// Thread-safe; `waitForWork` lets one consumer thread sleep until something arrives.
///
/// The hot methods are `@inlinable` so that callers in other modules (the uplinks) get code
/// specialised for their element type: unspecialised generic code moved each `Event`
/// through value witness calls, several times slower than the routing before it.
public final class LaneQueue<Element: Sendable>: Sendable {
    public static var laneCount: Int { 4 }

    @usableFromInline let lock = ConditionLock()
    // Guarded by `lock`.
    @usableFromInline nonisolated(unsafe) var lanes: [Deque<Element>]
    @usableFromInline nonisolated(unsafe) var total = 0

    public init() {
        lanes = Array(repeating: Deque(), count: Self.laneCount)
    }

    /// Appends to the back of `lane` (0 = emergency … 3 = status) and wakes the consumer.
    @inlinable
    public func push(_ element: Element, lane: Int) {
        lock.withLock {
            lanes[lane].append(element)
            total += 1
        }
        lock.broadcast()
    }

    /// Puts elements back at the front of their lanes, keeping their order: for messages
    /// that were in flight when a link dropped.
    public func pushFront(_ elements: [(element: Element, lane: Int)]) {
        guard !elements.isEmpty else { return }
        lock.withLock {
            for item in elements.reversed() { lanes[item.lane].prepend(item.element) }
            total += elements.count
        }
        lock.broadcast()
    }

    /// The most urgent element, or nil when empty.
    @inlinable
    public func popFirst() -> (element: Element, lane: Int)? {
        lock.withLock { popLocked() }
    }

    public var count: Int { lock.withLock { total } }

    public func count(lane: Int) -> Int { lock.withLock { lanes[lane].count } }

    /// Sleeps until an element is queued, `wake()` is called, or the monotonic deadline
    /// passes. Returns immediately when the queue is not empty.
    public func waitForWork(untilMonotonic deadline: UInt64?) {
        lock.withLock {
            if total == 0 { lock.wait(untilMonotonic: deadline) }
        }
    }

    /// Wakes a consumer blocked in `waitForWork` without queueing anything.
    public func wake() { lock.broadcast() }

    @inlinable
    func popLocked() -> (element: Element, lane: Int)? {
        guard total > 0 else { return nil }
        for lane in 0..<lanes.count where !lanes[lane].isEmpty {
            total -= 1
            return (lanes[lane].removeFirst(), lane)
        }
        return nil
    }
}
