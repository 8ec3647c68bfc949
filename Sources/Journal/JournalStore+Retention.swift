extension JournalStore {
    /// Rows one step looks at or changes: small, so the writer thread (which runs retention
    /// between batches) is never held up for long, and can stop early when events wait.
    static let retentionStep = 512

    /// Deletes delivered records older than `retention`, then, while the file uses more than
    /// `maxSizeBytes`: prunes delivered records, lowest priority and oldest first; then gives
    /// up undelivered ones the same way, but never an emergency (priority 1). Stops early,
    /// to go on at the next pass, as soon as `shouldYield` says events are waiting.
    public func retain(
        now: Int64, retentionMilliseconds: Int64, maxSizeBytes: Int64, shouldYield: () -> Bool = { false }
    ) throws(SQLiteError) -> RetentionReport {
        var report = RetentionReport()
        while !shouldYield() {
            let deleted = try deletePrefix(recordedBefore: now - retentionMilliseconds)
            report.deleted += deleted
            if deleted < Self.retentionStep { break }
        }
        while try usedBytes() > maxSizeBytes, !shouldYield() {
            let pruned = try pruneDelivered()
            if pruned > 0 {
                report.pruned += pruned
                continue
            }
            // Rows left with a hash only still take room: drop the delivered prefix.
            let deleted = try deletePrefix(recordedBefore: Int64.max)
            if deleted > 0 {
                report.deleted += deleted
                continue
            }
            let abandoned = try abandonUndelivered()
            if abandoned == 0 { break }
            report.abandoned += abandoned
        }
        return report
    }

    /// Removes the JSON of up to one step of delivered records, lowest priority first, oldest
    /// first (walking the primary key from where the last step stopped). Their hash stays.
    private func pruneDelivered() throws(SQLiteError) -> Int {
        let prune = try db.prepare("""
            UPDATE events SET payload = NULL, routes = NULL WHERE seq IN (SELECT seq FROM events
            WHERE seq > ?1 AND priority = ?2 AND pending = 0 AND payload IS NOT NULL ORDER BY seq LIMIT ?3)
            RETURNING seq
            """)
        for priority in stride(from: 4, through: 1, by: -1) {
            prune.reset()
            prune.bind(1, Int64(clamping: prunedThrough[priority - 1]))
            prune.bind(2, Int64(priority))
            prune.bind(3, Int64(Self.retentionStep))
            var count = 0
            while try prune.step() {
                count += 1
                prunedThrough[priority - 1] = max(prunedThrough[priority - 1], UInt64(prune.int64(0)))
            }
            if count > 0 { return count }
        }
        return 0
    }

    /// Gives up one step of undelivered records of priority 4, then 3, then 2: their uplinks
    /// will never get them. Emergencies are never given up.
    private func abandonUndelivered() throws(SQLiteError) -> Int {
        let abandon = try db.prepare("""
            UPDATE events SET payload = NULL, routes = NULL, pending = 0 WHERE seq IN (SELECT seq FROM events
            WHERE pending != 0 AND priority = ?1 AND payload IS NOT NULL ORDER BY seq LIMIT ?2)
            """)
        for priority in stride(from: 4, through: 2, by: -1) {
            abandon.reset()
            abandon.bind(1, Int64(priority))
            abandon.bind(2, Int64(Self.retentionStep))
            try abandon.step()
            if db.changes > 0 { return db.changes }
        }
        return 0
    }

    /// Deletes the run of delivered records written before `cutoff` from the oldest on (at
    /// most one step), and keeps the last one's hash as the anchor the chain starts from.
    private func deletePrefix(recordedBefore cutoff: Int64) throws(SQLiteError) -> Int {
        let oldest = try db.prepare("SELECT seq, recorded, pending FROM events ORDER BY seq LIMIT ?1")
        oldest.bind(1, Int64(Self.retentionStep))
        var through: Int64?
        while try oldest.step() {
            guard oldest.int64(1) < cutoff, oldest.int64(2) == 0 else { break }
            through = oldest.int64(0)
        }
        // Keep at least the newest record, so the next seq and hash stay readable.
        let newest = try db.integer("SELECT max(seq) FROM events") ?? 0
        guard let last = through, case let limit = min(last, newest - 1), limit > 0 else { return 0 }
        return try db.inTransaction { () throws(SQLiteError) -> Int in
            let hash = try db.prepare("SELECT seq, hash FROM events WHERE seq <= ?1 ORDER BY seq DESC LIMIT 1")
            hash.bind(1, limit)
            guard try hash.step(), let anchor = hash.bytes(1) else { return 0 }
            let anchorSeq = hash.int64(0)
            let save = try db.prepare("INSERT OR REPLACE INTO meta(key, value) VALUES ('anchor_seq', ?1), ('anchor_hash', ?2)")
            save.bind(1, anchorSeq)
            save.bind(2, anchor)
            try save.step()
            let delete = try db.prepare("DELETE FROM events WHERE seq <= ?1")
            delete.bind(1, anchorSeq)
            try delete.step()
            return db.changes
        }
    }

    /// Test hook: caps the file at `pages` pages, so writes past it fail as on a full disk.
    public func limitPagesForTesting(_ pages: Int) throws(SQLiteError) {
        try db.execute("PRAGMA max_page_count = \(pages)")
    }
}
