import DequeModule
import GatewayCore

/// The router's four priority lanes (1 emergency … 4 status): events submitted while
/// another thread is dispatching wait here, and the dispatcher always takes the most
/// urgent one next. An emergency therefore never waits behind status events inside the
/// router, however many are queued; within a lane, order is kept.
///
/// Not thread-safe; the router guards it with its own lock. The deques keep their
/// capacity, so once warmed up, queueing does not allocate.
struct SubmissionLanes {
    struct Waiting {
        var event: Event
        /// Monotonic nanoseconds when it was submitted, for the latency figures.
        var submittedAt: UInt64
    }

    private var lanes: [Deque<Waiting>] = Array(repeating: Deque(minimumCapacity: 64), count: 4)
    private(set) var count = 0

    var isEmpty: Bool { count == 0 }

    mutating func push(_ event: Event, submittedAt: UInt64) {
        lanes[event.severity.lane].append(Waiting(event: event, submittedAt: submittedAt))
        count += 1
    }

    mutating func popMostUrgent() -> Waiting? {
        guard count > 0 else { return nil }
        for lane in 0..<lanes.count where !lanes[lane].isEmpty {
            count -= 1
            return lanes[lane].removeFirst()
        }
        return nil
    }

    func count(lane: Int) -> Int { lanes[lane].count }
}
