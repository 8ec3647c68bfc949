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
    /// The journal's undelivered count for this uplink at the last read.
    private(set) var journalBacklog = 0

    var isPagedOut: Bool { pagedOut.contains(true) }

    /// Whether the event stays on disk; false: queue it in memory.
    mutating func leaveOnDisk(seq: UInt64, lane: Int, queued: Int, limit: Int) -> Bool {
        if !pagedOut[lane] {
            if seq <= readThrough[lane] { return true }  // already read in
            guard queued >= limit else { return false }
            pagedOut[lane] = true
            readFrom[lane] = seq
        }
        leftOnDisk[lane] &+= 1
        return true
    }

    mutating func pageOutEverything() {
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
    mutating func didRead(lane: Int, count: Int, lastSeq: UInt64?, limit: Int, marker: UInt64, journalBacklog: Int) {
        self.journalBacklog = journalBacklog
        if let lastSeq {
            readFrom[lane] = lastSeq + 1
            readThrough[lane] = max(readThrough[lane], lastSeq)
        }
        if count < limit, leftOnDisk[lane] == marker { pagedOut[lane] = false }
    }
}
