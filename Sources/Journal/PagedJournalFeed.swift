/// A feed that keeps only part of its backlog in memory and reads the rest from the journal
/// file, page by page: the journal is the queue, so a long outage of a busy site does not
/// grow the process.
public protocol PagedJournalFeed: JournalFeed {
    /// Instead of every undelivered event at start: where to read them, and how many there
    /// are (0: nothing to read now, but the feed may page out later).
    func replay(from source: JournalSource, backlog: Int)
    /// An event the journal could not write (full disk, damaged file): it exists only in
    /// memory, so the feed must keep it there.
    func enqueueUnwritten(_ entry: JournalEntry, route: Int?)
}
