import Foundation
import Logging

/// One log record as one line: `LEVEL message key=value …`, keys sorted. Values with
/// spaces, quotes or `=` are quoted, and line breaks are escaped, so a record never spans
/// two journal lines. Secrets never reach the line: a key that names one (password, secret,
/// token, key) shows `***`, and credentials written into a URL (`scheme://user:pass@host`)
/// lose their password wherever they appear.
public enum LogLine {
    public static let redacted = "***"

    public static func format(level: Logger.Level, message: String, metadata: Logger.Metadata) -> String {
        var line = level.rawValue.uppercased() + " " + escape(scrubURLs(message))
        for key in metadata.keys.sorted() {
            let value = isSecret(key) ? redacted : scrubURLs(metadata[key]!.description)
            line += " \(key)=\(quote(value))"
        }
        return line
    }

    /// `password`, `mqtt.password`, `tls.private_key`, `api_token`, `shared_secret`.
    static func isSecret(_ key: String) -> Bool {
        let last = key.split(separator: ".").last.map { $0.lowercased() } ?? ""
        return ["password", "passwd", "secret", "token", "psk", "key", "credentials"].contains { last == $0 || last.hasSuffix("_" + $0) }
    }

    /// `mqtt://gw:hunter2@broker` → `mqtt://gw:***@broker`.
    static func scrubURLs(_ text: String) -> String {
        guard text.contains("://"), text.contains("@") else { return text }
        var out = ""
        var rest = Substring(text)
        while let scheme = rest.range(of: "://") {
            out += rest[..<scheme.upperBound]
            rest = rest[scheme.upperBound...]
            let authority = rest.prefix { !"/ \t\n\"'".contains($0) }
            if let at = authority.lastIndex(of: "@"), let colon = authority[..<at].firstIndex(of: ":") {
                out += authority[..<colon] + ":" + redacted + authority[at...]
                rest = rest[authority.endIndex...]
            }
        }
        return out + rest
    }

    static func quote(_ value: String) -> String {
        let needsQuotes = value.isEmpty || value.contains { $0 == " " || $0 == "\"" || $0 == "=" || $0 == "\t" }
        let escaped = escape(value).replacingOccurrences(of: "\"", with: "\\\"")
        return needsQuotes ? "\"\(escaped)\"" : escaped
    }

    /// Line breaks and other control characters as escapes.
    static func escape(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) else { return text }
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20 || scalar.value == 0x7F: out += "\\u{\(String(scalar.value, radix: 16))}"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
