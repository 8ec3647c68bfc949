extension JournalStore {
    /// Deletes delivered records older than `retention`, then, while the file uses more than
    /// `maxSizeBytes`: prunes delivered records, lowest priority and oldest first; then gives
    /// up undelivered ones the same way, but never an emergency (priority 1).
    public func retain(now: Int64, retentionMilliseconds: Int64, maxSizeBytes: Int64) throws(SQLiteError) -> RetentionReport {
        var report = RetentionReport()
        report.deleted += try deletePrefix(recordedBefore: now - retentionMilliseconds)
        var rounds = 0
        while try usedBytes() > maxSizeBytes, rounds < 10_000 {
            rounds += 1
            try db.execute("""
                UPDATE events SET payload = NULL, routes = NULL WHERE seq IN (SELECT seq FROM events
                WHERE pending = 0 AND payload IS NOT NULL ORDER BY priority DESC, seq LIMIT 512)
                """)
            if db.changes > 0 {
                report.pruned += db.changes
                continue
            }
            // Rows left with a hash only still take room: drop the delivered prefix.
            let deleted = try deletePrefix(recordedBefore: Int64.max)
            if deleted > 0 {
                report.deleted += deleted
                continue
            }
            try db.execute("""
                UPDATE events SET payload = NULL, routes = NULL, pending = 0 WHERE seq IN (SELECT seq FROM events
                WHERE pending != 0 AND priority > 1 AND payload IS NOT NULL ORDER BY priority DESC, seq LIMIT 512)
                """)
            if db.changes == 0 { break }
            report.abandoned += db.changes
        }
        return report
    }

    /// Deletes the longest run of delivered records from the oldest on that were written
    /// before `cutoff`, and keeps the last one's hash as the anchor the chain starts from.
    private func deletePrefix(recordedBefore cutoff: Int64) throws(SQLiteError) -> Int {
        let firstPending = try db.integer("SELECT min(seq) FROM events WHERE pending != 0")
        let limit = try db.prepare("SELECT max(seq) FROM events WHERE recorded < ?1 AND seq < ?2")
        limit.bind(1, cutoff)
        limit.bind(2, firstPending ?? Int64.max)
        guard try limit.step(), !limit.isNull(0) else { return 0 }
        let last = limit.int64(0)
        // Keep at least the newest record, so the next seq and hash stay readable.
        let newest = try db.integer("SELECT max(seq) FROM events") ?? 0
        let through = min(last, newest - 1)
        guard through > 0 else { return 0 }
        return try db.inTransaction { () throws(SQLiteError) -> Int in
            let hash = try db.prepare("SELECT hash FROM events WHERE seq <= ?1 ORDER BY seq DESC LIMIT 1")
            hash.bind(1, through)
            guard try hash.step(), let anchor = hash.bytes(0) else { return 0 }
            let save = try db.prepare("INSERT OR REPLACE INTO meta(key, value) VALUES ('anchor_seq', ?1), ('anchor_hash', ?2)")
            save.bind(1, through)
            save.bind(2, anchor)
            try save.step()
            let delete = try db.prepare("DELETE FROM events WHERE seq <= ?1")
            delete.bind(1, through)
            try delete.step()
            return db.changes
        }
    }

    /// Test hook: caps the file at `pages` pages, so writes past it fail as on a full disk.
    public func limitPagesForTesting(_ pages: Int) throws(SQLiteError) {
        try db.execute("PRAGMA max_page_count = \(pages)")
    }
}
