import GatewayCore
import SiteConfig

/// Flood control per device and kind: in any window, the first `limit` events pass and
/// the rest are held back; when the window ends, one summary event stands for them: the
/// last one held back, with `collapsed` set to how many it replaces. Critical events
/// (emergencies) are never held back.
///
/// One small state per (kind, device) in a flat array, indexed like the route tables, so
/// the check per event is an index and two compares. Only held-back bursts keep an event
/// copy, in `pending`.
struct FloodControl: Sendable {
    enum Verdict { case pass, heldBack }

    private struct Slot: Sendable {
        var windowStart: UInt64 = 0
        var count: UInt32 = 0
        /// Index into `pending` while this slot has events held back; -1 otherwise.
        var pending: Int32 = -1
    }

    struct Summary: Sendable {
        var slot: Int
        var event: Event
    }

    let limit: UInt32
    let window: UInt64
    private let deviceRows: Int
    private var slots: [Slot]
    private(set) var pending: [Summary] = []

    init(policy: FloodPolicy, deviceRows: Int, kinds: Int) {
        limit = UInt32(clamping: max(1, policy.limit))
        window = policy.window.nanoseconds
        self.deviceRows = deviceRows
        slots = Array(repeating: Slot(), count: deviceRows * kinds)
        pending.reserveCapacity(64)
    }

    mutating func addKind() { slots.append(contentsOf: repeatElement(Slot(), count: deviceRows)) }

    /// Decides for one event at monotonic time `now`. When the slot's previous window has
    /// ended with events held back, its summary is returned first, to go out before it.
    @inline(__always)
    mutating func admit(_ event: Event, kind: Int, device: Int, now: UInt64) -> (Verdict, Event?) {
        if event.severity == .critical { return (.pass, nil) }
        let index = kind * deviceRows + device
        var slot = slots[index]
        // `now` can be a little before `windowStart`: an event that waited in a lane while
        // a more urgent one went first. It then belongs to the current window.
        if slot.count == 0 || (now > slot.windowStart && now - slot.windowStart >= window) {
            let summary = slot.pending >= 0 ? takeSummary(Int(slot.pending)) : nil
            slots[index] = Slot(windowStart: now, count: 1, pending: -1)
            return (.pass, summary)
        }
        slot.count &+= 1
        if slot.count <= limit {
            slots[index] = slot
            return (.pass, nil)
        }
        if slot.pending < 0 {
            var first = event
            first.collapsed = 1
            pending.append(Summary(slot: index, event: first))
            slot.pending = Int32(pending.count - 1)
        } else {
            let count = pending[Int(slot.pending)].event.collapsed
            pending[Int(slot.pending)].event = event
            pending[Int(slot.pending)].event.collapsed = count + 1
        }
        slots[index] = slot
        return (.heldBack, nil)
    }

    /// Summaries of every window that has ended by `now` (of every window at all when
    /// `all`, at shutdown), removed from `pending`.
    mutating func dueSummaries(now: UInt64, all: Bool = false) -> [Event] {
        var due: [Event] = []
        var i = 0
        while i < pending.count {
            let start = slots[pending[i].slot].windowStart
            if all || (now > start && now - start >= window) {
                due.append(takeSummary(i))
            } else {
                i += 1
            }
        }
        return due
    }

    /// Removes pending summary `i` (swapping the last one into its place).
    private mutating func takeSummary(_ i: Int) -> Event {
        let summary = pending[i]
        slots[summary.slot].pending = -1
        let last = pending.count - 1
        if i != last {
            pending[i] = pending[last]
            slots[pending[i].slot].pending = Int32(i)
        }
        pending.removeLast()
        return summary.event
    }
}
