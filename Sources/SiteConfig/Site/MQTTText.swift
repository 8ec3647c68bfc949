/// What libmosquitto accepts as an MQTT UTF-8 string (client id, username, topic): the
/// rules of its `mosquitto_validate_utf8` (libmosquitto 2.0.11), so the site file refuses at
/// `validate` what the uplink would otherwise refuse only when it starts.
///
/// Refused: U+0000, the C0 and C1 controls (U+0001–U+001F, U+007F–U+009F) and the Unicode
/// noncharacters (U+FDD0–U+FDEF and the last two code points of every plane: U+FFFE, U+FFFF,
/// U+1FFFE …); more than 65 535 bytes. libmosquitto also refuses malformed UTF-8 (overlong
/// forms, surrogates): a Swift `String` cannot hold it, and a site file that is not UTF-8 is
/// refused as a whole when it is read. `UplinksTests` checks these rules against
/// libmosquitto itself for every code point.
enum MQTTText {
    /// MQTT encodes strings and binary data with a 16-bit length.
    static let maxBytes = 65_535

    /// Why `text` is not an MQTT UTF-8 string libmosquitto accepts, or nil. The answer names
    /// the first offending character, e.g. "contains the control character U+0009 (tab) at
    /// character 4".
    static func problem(_ text: String) -> String? {
        if let bad = refusedCharacter(in: text) {
            let kind = isControl(bad.scalar) ? "the control character" : "the noncharacter"
            return "contains \(kind) \(describe(bad.scalar)) at character \(bad.position); MQTT refuses it"
        }
        if text.utf8.count > maxBytes { return "is \(text.utf8.count) bytes long; MQTT allows at most \(maxBytes)" }
        return nil
    }

    /// The first refused character and its 1-based position in Unicode scalars.
    static func refusedCharacter(in text: String) -> (scalar: Unicode.Scalar, position: Int)? {
        for (offset, scalar) in text.unicodeScalars.enumerated() where isRefused(scalar.value) {
            return (scalar, offset + 1)
        }
        return nil
    }

    /// A code point libmosquitto refuses in an otherwise well-formed string.
    static func isRefused(_ codePoint: UInt32) -> Bool {
        isControl(codePoint) || isNoncharacter(codePoint)
    }

    private static func isControl(_ codePoint: UInt32) -> Bool {
        codePoint <= 0x1F || (0x7F...0x9F).contains(codePoint)
    }

    private static func isControl(_ scalar: Unicode.Scalar) -> Bool { isControl(scalar.value) }

    private static func isNoncharacter(_ codePoint: UInt32) -> Bool {
        (0xFDD0...0xFDEF).contains(codePoint) || codePoint & 0xFFFE == 0xFFFE
    }

    private static func describe(_ scalar: Unicode.Scalar) -> String {
        let hex = String(scalar.value, radix: 16, uppercase: true)
        let code = "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
        switch scalar.value {
        case 0x00: return "\(code) (NUL)"
        case 0x09: return "\(code) (tab)"
        case 0x0A: return "\(code) (line feed)"
        case 0x0D: return "\(code) (carriage return)"
        case 0x1B: return "\(code) (escape)"
        case 0x7F: return "\(code) (delete)"
        default: return code
        }
    }
}
