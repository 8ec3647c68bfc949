/// Which priority lanes of an uplink have events waiting in the journal file rather than in
/// memory, and from which `seq` on. Not thread-safe: the uplink guards it with its lock.
///
/// A lane is paged out when it holds `limit` events (or at start, when every lane's backlog
/// is on disk); from then on written events of that lane stay on disk, so the lane's order
/// is kept, until a read finds nothing more.
struct PagingState {
    private var pagedOut = [Bool](repeating: false, count: 4)
    /// The next seq to read per lane.
    private var readFrom = [UInt64](repeating: 0, count: 4)
    /// Highest seq read into memory per lane: an event handed over again after a read that
    /// already found it is not queued twice.
    private var readThrough = [UInt64](repeating: 0, count: 4)
    /// Counts events left on disk per lane, so a read that raced with new ones is not taken
    /// for the end.
    private var leftOnDisk = [UInt64](repeating: 0, count: 4)
    /// The journal's undelivered count for this uplink: counted now and then, kept up to
    /// date in between by the events written and acknowledged since.
    private(set) var journalBacklog = 0
    /// When the journal's count is due again (monotonic ns). Counting reads every pending
    /// row, so counting on every page made a long drain quadratic in its backlog.
    private var nextCount: UInt64 = 0

    var isPagedOut: Bool { pagedOut.contains(true) }

    /// Whether the event stays on disk; false: queue it in memory.
    mutating func leaveOnDisk(seq: UInt64, lane: Int, queued: Int, limit: Int) -> Bool {
        if !pagedOut[lane] {
            if seq <= readThrough[lane] { return true }  // already read in
            journalBacklog += 1
            guard queued >= limit else { return false }
            pagedOut[lane] = true
            readFrom[lane] = seq
        } else {
            journalBacklog += 1
        }
        leftOnDisk[lane] &+= 1
        return true
    }

    /// The broker acknowledged an event: the journal holds one fewer for this uplink.
    mutating func didAcknowledgeEvent() {
        journalBacklog = max(0, journalBacklog - 1)
    }

    /// Whether the next read should count the journal's backlog too: at most once a second,
    /// and never more than a tenth of the time (a count of a million rows takes long).
    func isCountDue(now: UInt64) -> Bool { now >= nextCount }

    mutating func didCount(_ backlog: Int, at now: UInt64, took nanoseconds: UInt64) {
        journalBacklog = backlog
        nextCount = now + max(1_000_000_000, 10 * nanoseconds)
    }

    /// At start, with the journal's count of what this uplink has not acknowledged.
    mutating func pageOutEverything(backlog: Int) {
        journalBacklog = backlog
        for lane in 0..<pagedOut.count {
            pagedOut[lane] = true
            readFrom[lane] = 0
        }
    }

    /// A lane to read now: paged out and running low in memory.
    func laneToRead(queued: (Int) -> Int, pageSize: Int) -> (lane: Int, from: UInt64, marker: UInt64)? {
        for lane in 0..<pagedOut.count where pagedOut[lane] && queued(lane) < pageSize {
            return (lane, readFrom[lane], leftOnDisk[lane])
        }
        return nil
    }

    /// The journal cannot be read: the lane lives in memory from now on.
    mutating func giveUp(lane: Int) {
        pagedOut[lane] = false
    }

    /// After reading `count` events up to `lastSeq` (nil: none) with `limit`: the lane comes
    /// back into memory when the read found less than asked and nothing was left on disk
    /// since it started (`marker`).
    mutating func didRead(lane: Int, count: Int, lastSeq: UInt64?, limit: Int, marker: UInt64) {
        if let lastSeq {
            readFrom[lane] = lastSeq + 1
            readThrough[lane] = max(readThrough[lane], lastSeq)
        }
        if count < limit, leftOnDisk[lane] == marker { pagedOut[lane] = false }
    }
}
