/// The journal's tables. `pending` has one bit per uplink (see `uplinks`) still to receive
/// the event: an uplink's delivery cursor is the set of its bits, cleared on PUBACK.
enum JournalSchema {
    static let version: Int64 = 1

    static let create = """
        CREATE TABLE IF NOT EXISTS events(
            seq INTEGER PRIMARY KEY,
            id TEXT NOT NULL,
            ts INTEGER NOT NULL,
            recorded INTEGER NOT NULL,
            device TEXT NOT NULL,
            kind TEXT NOT NULL,
            priority INTEGER NOT NULL,
            pending INTEGER NOT NULL,
            routes BLOB,
            payload BLOB,
            hash BLOB NOT NULL
        );
        CREATE INDEX IF NOT EXISTS events_undelivered ON events(priority, seq) WHERE pending != 0;
        CREATE TABLE IF NOT EXISTS uplinks(bit INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE);
        CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value);
        INSERT OR IGNORE INTO meta(key, value) VALUES ('schema', 1);
        """
}
