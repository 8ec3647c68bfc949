import GatewayCore
import Journal

extension Uplink {
    /// With `lock` held, on the publisher thread: reads the next page of a paged-out lane
    /// that runs low. The lock is released during the read, so the network thread is never
    /// held up by disk I/O. Returns whether it read anything.
    func pageIn() -> Bool {
        guard let source = journalSource,
              let (lane, from, marker) = paging.laneToRead(queued: { events.count(lane: $0) }, pageSize: options.pageSize)
        else { return false }
        let pageSize = options.pageSize
        let countDue = paging.isCountDue(now: WallClock.monotonicNanoseconds())
        lock.unlock()
        var page: [(entry: JournalEntry, route: Int?)] = []
        var count: (backlog: Int, at: UInt64, took: UInt64)?
        var failure: (any Error)?
        do {
            if journalReader == nil { journalReader = try JournalStore(path: source.path, readOnly: true) }
            if let reader = journalReader {
                page = try reader.undelivered(bit: source.bit, priority: lane + 1, fromSeq: from, limit: pageSize)
                if countDue {
                    let start = WallClock.monotonicNanoseconds()
                    let backlog = try reader.backlog(bit: source.bit)
                    let end = WallClock.monotonicNanoseconds()
                    count = (backlog, end, end - start)
                }
            }
        } catch {
            failure = error
            journalReader = nil
        }
        lock.lock()
        if let failure {
            // The journal cannot be read: nothing more can come from it. What memory holds
            // still goes out; the journal's health is reported by the journal itself.
            logger.error("cannot read the backlog from the journal", metadata: ["error": "\(failure)"])
            paging.giveUp(lane: lane)
            return true
        }
        for item in page {
            events.push(OutgoingEvent(entry: item.entry, route: item.route, replayed: true), lane: lane)
        }
        if let count { paging.didCount(count.backlog, at: count.at, took: count.took) }
        paging.didRead(lane: lane, count: page.count, lastSeq: page.last?.entry.seq, limit: pageSize, marker: marker)
        return true
    }
}
