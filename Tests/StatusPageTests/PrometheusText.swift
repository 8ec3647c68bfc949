/// A strict reader of the Prometheus text exposition format (0.0.4), enough to prove that
/// `/metrics` parses: every line a comment, a `# TYPE` or a sample; every sample's family
/// typed once, before its samples; label values quoted and escaped; values numbers.
struct PrometheusText {
    struct Sample: Equatable {
        var name: String
        var labels: [String: String]
        var value: Double
    }

    struct ParseError: Error, CustomStringConvertible {
        var line: Int
        var text: String
        var reason: String
        var description: String { "line \(line): \(reason): \(text)" }
    }

    private(set) var types: [String: String] = [:]
    private(set) var samples: [Sample] = []

    init(_ text: String) throws {
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let number = index + 1
            if line.isEmpty { continue }
            func fail(_ reason: String) -> ParseError { ParseError(line: number, text: String(line), reason: reason) }
            if line.hasPrefix("# TYPE ") {
                let parts = line.split(separator: " ")
                guard parts.count == 4, Self.isName(parts[2]) else { throw fail("bad TYPE line") }
                guard ["counter", "gauge", "histogram", "summary", "untyped"].contains(parts[3]) else { throw fail("unknown type") }
                guard types[String(parts[2])] == nil else { throw fail("family typed twice") }
                guard !samples.contains(where: { Self.family(of: $0.name, in: [String(parts[2]): ""]) != nil }) else {
                    throw fail("TYPE after its samples")
                }
                types[String(parts[2])] = String(parts[3])
                continue
            }
            if line.hasPrefix("#") { continue }
            let sample = try Self.sample(line, fail: fail)
            guard Self.family(of: sample.name, in: types) != nil else { throw fail("sample of an untyped family") }
            samples.append(sample)
        }
    }

    func values(_ name: String) -> [Sample] { samples.filter { $0.name == name } }

    func value(_ name: String, _ labels: [String: String] = [:]) -> Double? {
        samples.first { $0.name == name && $0.labels == labels }?.value
    }

    private static func family(of name: String, in types: [String: String]) -> String? {
        if types[name] != nil { return name }
        for suffix in ["_bucket", "_sum", "_count"] where name.hasSuffix(suffix) {
            let base = String(name.dropLast(suffix.count))
            if types[base] == "histogram" || types[base] == "summary" { return base }
        }
        return nil
    }

    private static func isName(_ text: Substring) -> Bool {
        guard let first = text.first, first.isLetter || first == "_" || first == ":" else { return false }
        return text.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_" || $0 == ":") }
    }

    private static func sample(_ line: Substring, fail: (String) -> ParseError) throws -> Sample {
        var rest = line[...]
        let name = rest.prefix { $0 != "{" && $0 != " " }
        guard isName(name) else { throw fail("bad metric name") }
        rest = rest.dropFirst(name.count)
        var labels: [String: String] = [:]
        if rest.first == "{" {
            rest = rest.dropFirst()
            while rest.first != "}" {
                let key = rest.prefix { $0 != "=" }
                guard isName(key), labels[String(key)] == nil else { throw fail("bad or repeated label name") }
                rest = rest.dropFirst(key.count)
                guard rest.hasPrefix("=\"") else { throw fail("label value not quoted") }
                rest = rest.dropFirst(2)
                var value = ""
                while true {
                    guard let c = rest.first else { throw fail("unterminated label value") }
                    rest = rest.dropFirst()
                    if c == "\"" { break }
                    if c == "\\" {
                        guard let escaped = rest.first, ["\\", "\"", "n"].contains(escaped) else { throw fail("bad escape") }
                        value.append(escaped == "n" ? "\n" : escaped)
                        rest = rest.dropFirst()
                    } else {
                        guard c != "\n" else { throw fail("raw line feed in label") }
                        value.append(c)
                    }
                }
                labels[String(key)] = value
                if rest.first == "," { rest = rest.dropFirst() }
                guard !rest.isEmpty else { throw fail("unterminated labels") }
            }
            rest = rest.dropFirst()
        }
        guard rest.first == " " else { throw fail("no space before value") }
        let fields = rest.dropFirst().split(separator: " ")
        guard (1...2).contains(fields.count) else { throw fail("expected value [timestamp]") }
        let text = String(fields[0])
        let value: Double? = switch text {
        case "+Inf": .infinity
        case "-Inf": -.infinity
        case "NaN": .nan
        default: Double(text)
        }
        guard let value else { throw fail("value is not a number") }
        return Sample(name: String(name), labels: labels, value: value)
    }
}
