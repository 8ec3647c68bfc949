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
        lock.unlock()
        var page: [(entry: JournalEntry, route: Int?)] = []
        var backlog = 0
        var failure: (any Error)?
        do {
            if journalReader == nil { journalReader = try JournalStore(path: source.path, readOnly: true) }
            if let reader = journalReader {
                page = try reader.undelivered(bit: source.bit, priority: lane + 1, fromSeq: from, limit: pageSize)
                backlog = try reader.backlog(bit: source.bit)
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
        paging.didRead(
            lane: lane, count: page.count, lastSeq: page.last?.entry.seq, limit: pageSize, marker: marker, journalBacklog: backlog)
        return true
    }
}
