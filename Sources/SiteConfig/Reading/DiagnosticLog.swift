import Yams

/// Collects every problem of one load, so a technician sees them all at once instead of
/// fixing one per run.
///
/// A class because every reader of every file appends to the same log; it never leaves the
/// loading call, so it needs no `Sendable`.
final class DiagnosticLog {
    private(set) var diagnostics: [ConfigDiagnostic] = []
    /// The same, for the duplicate check: a search of the list made a file with thousands of
    /// mistakes take quadratic time.
    private var reported: Set<ConfigDiagnostic> = []
    /// Files in the order they were first read: the site file, then profiles in order of use.
    private var fileOrder: [String] = []

    var isEmpty: Bool { diagnostics.isEmpty }
    /// Lets a reader tell whether the part it just read added problems.
    var count: Int { diagnostics.count }

    /// Registers `file` so its diagnostics sort after those of files read before it.
    func begin(file: String) {
        if !fileOrder.contains(file) { fileOrder.append(file) }
    }

    /// A problem at `mark`, or at the start of the file when there is none.
    func error(_ message: String, file: String, at mark: Mark?) {
        error(message, file: file, line: mark?.line ?? 1, column: mark?.column ?? 1)
    }

    func error(_ message: String, file: String, line: Int, column: Int) {
        begin(file: file)
        let diagnostic = ConfigDiagnostic(file: file, line: line, column: column, message: message)
        // Several checks can trip over the same value; saying it twice helps nobody.
        if reported.insert(diagnostic).inserted { diagnostics.append(diagnostic) }
    }

    /// File by file in reading order, each in line order: the order an editor walks them.
    func sorted() -> [ConfigDiagnostic] {
        let rank = Dictionary(uniqueKeysWithValues: fileOrder.enumerated().map { ($1, $0) })
        return diagnostics.enumerated().sorted { a, b in
            let ka = (rank[a.element.file] ?? .max, a.element.line, a.element.column, a.offset)
            let kb = (rank[b.element.file] ?? .max, b.element.line, b.element.column, b.offset)
            return ka < kb
        }.map(\.element)
    }
}
