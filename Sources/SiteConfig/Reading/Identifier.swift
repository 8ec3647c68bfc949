/// The rule for ids that end up as MQTT topic levels and JSON fields (site, device,
/// uplink and point ids): ASCII letters, digits, `-` and `_`, 1 to 64 characters.
/// `+`, `#` and `/` would break topic filters, and spaces break shell scripts.
enum Identifier {
    static let maxLength = 64

    /// Why `text` is not a valid id, or nil when it is.
    static func problem(_ text: String, what: String) -> String? {
        if text.isEmpty { return "\(what) must not be empty" }
        if text.count > maxLength { return "\(what) '\(text)' is longer than \(maxLength) characters" }
        let valid = text.unicodeScalars.allSatisfy { s in
            (s >= "a" && s <= "z") || (s >= "A" && s <= "Z") || (s >= "0" && s <= "9") || s == "-" || s == "_"
        }
        return valid ? nil : "\(what) '\(text)' may only contain letters A-Z a-z, digits, '-' and '_'"
    }
}
