/// A failed SQLite call: the operation, SQLite's result code and its message.
public struct SQLiteError: Error, Sendable, CustomStringConvertible {
    public let operation: String
    /// SQLite's primary result code (`SQLITE_FULL`, `SQLITE_CORRUPT`, …).
    public let code: Int32
    public let message: String

    public var description: String { "\(operation): \(message) (sqlite \(code))" }

    /// The disk (or the file system quota) is full: SQLITE_FULL, or an I/O error for ENOSPC.
    public var isDiskFull: Bool { code == 13 }
    /// The file is not a database or its pages are damaged: SQLITE_CORRUPT, SQLITE_NOTADB.
    public var isCorrupt: Bool { code == 11 || code == 26 }
}
