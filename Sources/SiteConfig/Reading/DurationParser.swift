/// Durations as written in site and profile files: a whole number and a unit, `100ms`,
/// `2s`, `1m`, `1h`. A bare number is refused: `poll: 1` could mean a second or a
/// millisecond, and on an alarm line that difference matters.
enum DurationParser {
    static let expectation = "expected a duration like 100ms or 2s"

    static func parse(_ text: String) -> Duration? {
        let units: [(suffix: String, milliseconds: Int64)] = [("ms", 1), ("s", 1000), ("m", 60_000), ("h", 3_600_000)]
        // "ms" is tried before "m" and "s" so "100ms" is not read as "100m" + "s".
        for unit in units.sorted(by: { $0.suffix.count > $1.suffix.count }) where text.hasSuffix(unit.suffix) {
            let number = text.dropLast(unit.suffix.count)
            guard !number.isEmpty, number.allSatisfy(\.isASCII), number.allSatisfy(\.isNumber),
                  let value = Int64(number)
            else { return nil }
            let (ms, overflow) = value.multipliedReportingOverflow(by: unit.milliseconds)
            return overflow ? nil : .milliseconds(ms)
        }
        return nil
    }

    /// The shortest exact spelling of `duration` in the same notation, for messages and docs.
    static func format(_ duration: Duration) -> String {
        let (seconds, attoseconds) = duration.components
        let ms = seconds * 1000 + attoseconds / 1_000_000_000_000_000
        if ms != 0, ms % 3_600_000 == 0 { return "\(ms / 3_600_000)h" }
        if ms != 0, ms % 60_000 == 0 { return "\(ms / 60_000)m" }
        if ms % 1000 == 0 { return "\(ms / 1000)s" }
        return "\(ms)ms"
    }
}
