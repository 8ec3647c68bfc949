import Yams

/// Where a repeated key is. Yams reports the first use of a key that appears twice in a
/// map, but the repeat is what to fix, usually a device block pasted without its `- `.
struct DuplicateKey {
    var key: String
    var first: Mark
    /// Line and column (1-based) of the repeat, when found.
    private(set) var repeatPosition: (line: Int, column: Int)?
    /// True when the map is a list entry, so a missing `- ` is the likely cause.
    private(set) var isListEntry = false

    init(key: String, first: Mark, text: String) {
        self.key = key
        self.first = first
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map { Array($0.unicodeScalars) }
        guard first.line >= 1, first.line <= lines.count else { return }
        let column = first.column - 1
        let firstLine = lines[first.line - 1]
        isListEntry = firstLine.prefix(column).reversed().first { $0 != " " } == "-"
        repeatPosition = blockRepeat(in: lines, column: column) ?? flowRepeat(in: firstLine, after: column)
    }

    func message(allKeys: [String]) -> String {
        let keys = allKeys.map { "'\($0)'" }.joined(separator: ", ")
        let hint = isListEntry ? "; a new list entry starts with '- '" : ""
        return "key \(keys) appears more than once in the same map (first at line \(first.line))\(hint)"
    }

    /// Sibling keys of a block map start in the same column on later lines.
    private func blockRepeat(in lines: [[Unicode.Scalar]], column: Int) -> (line: Int, column: Int)? {
        for index in first.line..<lines.count {
            let line = lines[index]
            let indent = line.prefix { $0 == " " }.count
            let isBlank = indent == line.count || line[indent] == "#"
            if isBlank { continue }
            if indent < column { return nil }
            if indent == column, startsWithKey(line, at: column) { return (index + 1, column + 1) }
        }
        return nil
    }

    /// In a flow map (`{ id: a, id: b }`) the repeat follows on the same line.
    private func flowRepeat(in line: [Unicode.Scalar], after column: Int) -> (line: Int, column: Int)? {
        var index = column + key.unicodeScalars.count
        while index < line.count {
            if line[index - 1] == " " || line[index - 1] == "," || line[index - 1] == "{", startsWithKey(line, at: index) {
                return (first.line, index + 1)
            }
            index += 1
        }
        return nil
    }

    private func startsWithKey(_ line: [Unicode.Scalar], at column: Int) -> Bool {
        let keyScalars = Array(key.unicodeScalars)
        guard column + keyScalars.count <= line.count, Array(line[column..<(column + keyScalars.count)]) == keyScalars else { return false }
        let rest = line[(column + keyScalars.count)...].drop { $0 == " " }
        return rest.first == ":"
    }
}
