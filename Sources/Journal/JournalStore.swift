import GatewayCore

/// The journal's SQLite file and every statement run on it. Not thread-safe: the `Journal`'s
/// writer thread owns one store; the command line opens its own.
///
/// WAL mode, so readers (`campus-gateway events`) never block the writer; `synchronous=FULL`,
/// so a committed event survives a power cut. The cost of that fsync is paid once per batch.
public final class JournalStore {
    public let path: String
    let db: SQLiteConnection
    /// Hash and seq of the newest record: the next record links to them.
    public private(set) var lastHash: [UInt8]
    public private(set) var lastSeq: UInt64
    private var insert: SQLiteStatement?
    private var acknowledge: SQLiteStatement?
    /// Per priority (index 0 = priority 1): delivered records up to here are pruned already,
    /// so each size-cap step starts where the last one stopped.
    var prunedThrough = [UInt64](repeating: 0, count: 4)

    /// Opens or creates the journal. Throws when the file cannot be opened, is not a
    /// database, or is damaged where opening looks.
    public init(path: String, readOnly: Bool = false) throws(SQLiteError) {
        self.path = path
        db = try SQLiteConnection(path: path, readOnly: readOnly, create: !readOnly)
        if !readOnly {
            try db.execute("PRAGMA journal_mode=WAL")
            try db.execute("PRAGMA synchronous=FULL")
            // After a checkpoint the write-ahead log shrinks back to this (it only grows otherwise).
            try db.execute("PRAGMA journal_size_limit=67108864")
            try db.execute(JournalSchema.create)
        } else {
            // Opening reads no page: touch the schema so a non-database fails here.
            _ = try db.integer("SELECT count(*) FROM sqlite_master")
        }
        let newest = try db.prepare("SELECT seq, hash FROM events ORDER BY seq DESC LIMIT 1")
        if try newest.step() {
            lastSeq = UInt64(newest.int64(0))
            lastHash = newest.bytes(1) ?? HashChain.genesis
        } else {
            lastSeq = UInt64(try db.integer("SELECT value FROM meta WHERE key = 'last_seq'") ?? 0)
            lastHash = try Self.anchor(db)?.hash ?? HashChain.genesis
        }
    }

    /// The last record deleted by retention, which the oldest kept record links to.
    private static func anchor(_ db: SQLiteConnection) throws(SQLiteError) -> (seq: UInt64, hash: [UInt8])? {
        let statement = try db.prepare(
            "SELECT (SELECT value FROM meta WHERE key = 'anchor_seq'), (SELECT value FROM meta WHERE key = 'anchor_hash')")
        guard try statement.step(), !statement.isNull(0), let hash = statement.bytes(1) else { return nil }
        return (UInt64(statement.int64(0)), hash)
    }

    // MARK: uplinks

    /// The pending bit of each uplink, in the order given; new names get free bits.
    /// Bits of uplinks no longer in the site are freed and their pending marks cleared:
    /// nobody can deliver to them any more. Returns the bits and how many events were
    /// left undelivered to removed uplinks.
    public func assignBits(uplinks: [String]) throws(SQLiteError) -> (bits: [Int], abandoned: Int) {
        try db.inTransaction { () throws(SQLiteError) -> (bits: [Int], abandoned: Int) in
            var known: [String: Int] = [:]
            let all = try db.prepare("SELECT bit, name FROM uplinks")
            while try all.step() { known[all.string(1)] = Int(all.int64(0)) }
            var abandoned = 0
            for (name, bit) in known where !uplinks.contains(name) {
                let mask = Int64(1) << Int64(bit)
                abandoned += Int(try db.integer("SELECT count(*) FROM events WHERE pending & \(mask) != 0") ?? 0)
                try db.execute("UPDATE events SET pending = pending & ~\(mask) WHERE pending & \(mask) != 0")
                let remove = try db.prepare("DELETE FROM uplinks WHERE bit = ?1")
                remove.bind(1, Int64(bit))
                try remove.step()
                known[name] = nil
            }
            var bits: [Int] = []
            for name in uplinks {
                if let bit = known[name] {
                    bits.append(bit)
                    continue
                }
                let used = Set(known.values)
                guard let bit = (0..<62).first(where: { !used.contains($0) }) else {
                    throw SQLiteError(operation: "assign uplink \(name)", code: 1, message: "more than 62 uplinks")
                }
                let add = try db.prepare("INSERT INTO uplinks(bit, name) VALUES (?1, ?2)")
                add.bind(1, Int64(bit))
                add.bind(2, name)
                try add.step()
                known[name] = bit
                bits.append(bit)
            }
            return (bits, abandoned)
        }
    }

    /// Uplink names by bit.
    public func uplinkNames() throws(SQLiteError) -> [Int: String] {
        var names: [Int: String] = [:]
        let all = try db.prepare("SELECT bit, name FROM uplinks")
        while try all.step() { names[Int(all.int64(0))] = all.string(1) }
        return names
    }

    // MARK: writing

    /// One event to write: its pending bits and, per uplink bit, the route that chose it.
    public struct Row {
        public var entry: JournalEntry
        public var pending: Int64
        public var routes: [(bit: Int, route: Int)]
        public var recorded: Int64

        public init(entry: JournalEntry, pending: Int64, routes: [(bit: Int, route: Int)], recorded: Int64) {
            self.entry = entry
            self.pending = pending
            self.routes = routes
            self.recorded = recorded
        }
    }

    /// Writes `rows` (in seq order) and clears the acknowledged bits, in one transaction:
    /// one fsync for the whole batch. Nothing changes when it throws.
    public func commit(_ rows: [Row], acknowledgements: [(seq: UInt64, bit: Int)]) throws(SQLiteError) {
        guard !rows.isEmpty || !acknowledgements.isEmpty else { return }
        var hash = lastHash
        var seq = lastSeq
        try db.inTransaction { () throws(SQLiteError) in
            if !rows.isEmpty {
                let insert: SQLiteStatement
                if let prepared = self.insert {
                    insert = prepared
                } else {
                    insert = try db.prepare(
                        "INSERT INTO events(seq, id, ts, recorded, device, kind, priority, pending, routes, payload, hash) "
                            + "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)")
                    self.insert = insert
                }
                for row in rows {
                    hash = HashChain.link(previous: hash, payload: row.entry.payload)
                    seq = max(seq, row.entry.seq)
                    insert.reset()
                    insert.bind(1, Int64(row.entry.seq))
                    insert.bind(2, row.entry.id)
                    insert.bind(3, row.entry.timestamp)
                    insert.bind(4, row.recorded)
                    insert.bind(5, row.entry.device)
                    insert.bind(6, row.entry.kind)
                    insert.bind(7, Int64(row.entry.severity.priority))
                    insert.bind(8, row.pending)
                    if row.routes.isEmpty { insert.bindNull(9) } else { insert.bind(9, Self.encode(row.routes)) }
                    insert.bind(10, row.entry.payload)
                    insert.bind(11, hash)
                    try insert.step()
                }
                let last = try db.prepare("INSERT OR REPLACE INTO meta(key, value) VALUES ('last_seq', ?1)")
                last.bind(1, Int64(seq))
                try last.step()
            }
            if !acknowledgements.isEmpty {
                let acknowledge: SQLiteStatement
                if let prepared = self.acknowledge {
                    acknowledge = prepared
                } else {
                    acknowledge = try db.prepare(
                        "UPDATE events SET pending = pending & ~(1 << ?2) WHERE seq = ?1 AND pending & (1 << ?2) != 0")
                    self.acknowledge = acknowledge
                }
                for ack in acknowledgements {
                    acknowledge.reset()
                    acknowledge.bind(1, Int64(ack.seq))
                    acknowledge.bind(2, Int64(ack.bit))
                    try acknowledge.step()
                }
            }
        }
        lastHash = hash
        lastSeq = seq
    }

    /// A new journal that replaces a damaged one continues its sequence: the next record
    /// gets `seq + 1` (verification shows the records before it as a gap).
    public func continueSequence(after seq: UInt64) throws(SQLiteError) {
        let save = try db.prepare("INSERT OR REPLACE INTO meta(key, value) VALUES ('last_seq', ?1)")
        save.bind(1, Int64(clamping: seq))
        try save.step()
        lastSeq = seq
    }

    // MARK: reading

    /// What `bit`'s uplink has not acknowledged, highest priority first, then seq order;
    /// optionally one priority only, from a seq on, at most `limit`.
    public func undelivered(
        bit: Int, priority: Int? = nil, fromSeq: UInt64 = 0, limit: Int = Int.max
    ) throws(SQLiteError) -> [(entry: JournalEntry, route: Int?)] {
        let statement = try db.prepare(
            "SELECT seq, id, device, kind, priority, ts, payload, routes FROM events "
                + "WHERE pending != 0 AND pending & (1 << ?1) != 0 AND payload IS NOT NULL"
                + (priority == nil ? "" : " AND priority = ?2 AND seq >= ?3") + " ORDER BY priority, seq LIMIT ?4")
        statement.bind(1, Int64(bit))
        if let priority {
            statement.bind(2, Int64(priority))
            statement.bind(3, Int64(clamping: fromSeq))
        }
        statement.bind(4, Int64(clamping: limit))
        var result: [(entry: JournalEntry, route: Int?)] = []
        while try statement.step() {
            let priority = Int(statement.int64(4))
            let entry = JournalEntry(
                seq: UInt64(statement.int64(0)), id: statement.string(1), device: statement.string(2), kind: statement.string(3),
                severity: Severity.allCases.first { $0.priority == priority } ?? .info, timestamp: statement.int64(5),
                payload: statement.bytes(6) ?? [])
            let route = statement.bytes(7).flatMap { Self.decode($0).first { $0.bit == bit }?.route }
            result.append((entry, route))
        }
        return result
    }

    /// Undelivered count per bit.
    public func backlog(bit: Int) throws(SQLiteError) -> Int {
        Int(try db.integer("SELECT count(*) FROM events WHERE pending != 0 AND pending & \(Int64(1) << Int64(bit)) != 0") ?? 0)
    }

    /// Bytes in use: pages in use times the page size (freed pages are reused, not returned).
    public func usedBytes() throws(SQLiteError) -> Int64 {
        let pages = try db.integer("PRAGMA page_count") ?? 0
        let free = try db.integer("PRAGMA freelist_count") ?? 0
        let size = try db.integer("PRAGMA page_size") ?? 4096
        return (pages - free) * size
    }

    public func oldestRecorded() throws(SQLiteError) -> Int64 {
        try db.integer("SELECT recorded FROM events ORDER BY seq LIMIT 1") ?? 0
    }

    /// Records matching `filter`, in seq order.
    public func records(_ filter: JournalFilter) throws(SQLiteError) -> [JournalRecord] {
        var sql = "SELECT seq, id, ts, recorded, device, kind, priority, pending, payload FROM events WHERE seq > ?1"
        if filter.since != nil { sql += " AND ts >= ?2" }
        if filter.device != nil { sql += " AND device = ?3" }
        if let kind = filter.kind { sql += kind.hasSuffix(".*") ? " AND kind LIKE ?4 ESCAPE '\\'" : " AND kind = ?4" }
        sql += " ORDER BY seq LIMIT ?5"
        let statement = try db.prepare(sql)
        statement.bind(1, Int64(filter.afterSeq))
        if let since = filter.since { statement.bind(2, since) }
        if let device = filter.device { statement.bind(3, device) }
        if let kind = filter.kind {
            if kind.hasSuffix(".*") {
                // LIKE's own wildcards in a kind (`_` is common) must match literally.
                let prefix = kind.dropLast(1).map { "%_\\".contains($0) ? "\\\($0)" : "\($0)" }.joined()
                statement.bind(4, prefix + "%")
            } else {
                statement.bind(4, kind)
            }
        }
        statement.bind(5, Int64(filter.limit))
        let names = try uplinkNames()
        var result: [JournalRecord] = []
        while try statement.step() {
            let pending = statement.int64(7)
            result.append(JournalRecord(
                seq: UInt64(statement.int64(0)), id: statement.string(1), timestamp: statement.int64(2),
                recorded: statement.int64(3), device: statement.string(4), kind: statement.string(5),
                priority: Int(statement.int64(6)),
                undeliveredTo: names.keys.sorted().filter { pending & (Int64(1) << Int64($0)) != 0 }.compactMap { names[$0] },
                payload: statement.bytes(8)))
        }
        return result
    }

    // MARK: routes column

    static func encode(_ routes: [(bit: Int, route: Int)]) -> [UInt8] {
        routes.flatMap { [UInt8(truncatingIfNeeded: $0.bit), UInt8(truncatingIfNeeded: $0.route >> 8), UInt8(truncatingIfNeeded: $0.route)] }
    }

    static func decode(_ bytes: [UInt8]) -> [(bit: Int, route: Int)] {
        stride(from: 0, to: bytes.count - 2, by: 3).map { (Int(bytes[$0]), Int(bytes[$0 + 1]) << 8 | Int(bytes[$0 + 2])) }
    }
}
