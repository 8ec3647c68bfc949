import Yams

/// Reads the optional `status:` section: `listen: HOST:PORT` (default 127.0.0.1:8080) or
/// `listen: off`.
struct StatusParser {
    static let keys = ["listen"]
    let file: YAMLFile

    func parse(_ node: Node) -> StatusConfig? {
        guard let map = MapReader(node, what: "'status'", keys: Self.keys, file: file) else { return nil }
        guard let listen = map.text("listen") else { return StatusConfig() }
        if listen.value == "off" { return StatusConfig(enabled: false) }
        guard let address = Self.address(listen.value) else {
            file.error("status listen address '\(listen.value)' must be HOST:PORT like 127.0.0.1:8080 (port 1–65535), or 'off'", at: listen.mark)
            return nil
        }
        return StatusConfig(host: address.host, port: address.port)
    }

    /// `127.0.0.1:8080`, `[::1]:8080` or `0.0.0.0:80`.
    static func address(_ text: String) -> (host: String, port: Int)? {
        guard let colon = text.lastIndex(of: ":") else { return nil }
        var host = String(text[..<colon])
        guard let port = Int(text[text.index(after: colon)...]), (1...65535).contains(port) else { return nil }
        if host.hasPrefix("["), host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        guard !host.isEmpty, !host.contains(" ") else { return nil }
        return (host, port)
    }
}
