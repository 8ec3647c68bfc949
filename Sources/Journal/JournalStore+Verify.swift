extension JournalStore {
    /// Recomputes the hash chain from the oldest kept record (linked to the last record
    /// retention removed) to the newest.
    public func verify() throws(SQLiteError) -> JournalVerification {
        var report = JournalVerification()
        let anchorStatement = try db.prepare(
            "SELECT (SELECT value FROM meta WHERE key = 'anchor_seq'), (SELECT value FROM meta WHERE key = 'anchor_hash')")
        var previous = HashChain.genesis
        var expected: UInt64 = 1
        if try anchorStatement.step(), !anchorStatement.isNull(0), let hash = anchorStatement.bytes(1) {
            previous = hash
            expected = UInt64(anchorStatement.int64(0)) + 1
        }
        let rows = try db.prepare("SELECT seq, payload, hash FROM events ORDER BY seq")
        while try rows.step() {
            let seq = UInt64(rows.int64(0))
            let stored = rows.bytes(2) ?? []
            if report.checked == 0 { report.firstSeq = seq }
            report.checked += 1
            report.lastSeq = seq
            if seq != expected {
                report.gaps.append(seq == expected + 1 ? "seq \(expected) missing" : "seq \(expected)–\(seq - 1) missing")
            }
            if let payload = rows.bytes(1) {
                if HashChain.link(previous: previous, payload: payload) != stored {
                    report.problems.append("seq \(seq): hash does not match: this record or the one before it was changed or removed")
                }
            } else {
                report.pruned += 1
            }
            previous = stored
            expected = seq + 1
        }
        return report
    }
}
