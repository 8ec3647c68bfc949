import GatewayCore

/// An uplink's broker address: `mqtt://host[:1883]` or `mqtts://host[:8883]`.
struct UplinkURL: Equatable {
    var scheme: UplinkConfig.Scheme
    var host: String
    var port: Int

    static func parse(_ text: String) -> Result<UplinkURL, ConnectionURLError> {
        let schemes: [(prefix: String, scheme: UplinkConfig.Scheme, port: Int)] = [("mqtt://", .mqtt, 1883), ("mqtts://", .mqtts, 8883)]
        guard let (prefix, scheme, defaultPort) = schemes.first(where: { text.hasPrefix($0.prefix) }) else {
            return .failure(.init("url must start with mqtt:// or mqtts://, got '\(text)'"))
        }
        var rest = Substring(text.dropFirst(prefix.count))
        if rest.hasSuffix("/") { rest = rest.dropLast() }
        if rest.contains("@") {
            return .failure(.init("put credentials in 'username' and 'password', not in the url"))
        }
        if rest.contains("/") || rest.contains("?") {
            return .failure(.init("url must be \(prefix)HOST[:PORT] with no path, got '\(text)'; topics go in 'topic_prefix'"))
        }
        var host = rest
        var port = defaultPort
        // Split at the last ':' outside an [IPv6] literal.
        if let colon = rest.lastIndex(of: ":"), !rest[colon...].contains("]") {
            host = rest[..<colon]
            guard let p = Int(rest[rest.index(after: colon)...]), (1...65535).contains(p) else {
                return .failure(.init("port in '\(text)' must be a number 1–65535"))
            }
            port = p
        }
        guard isHost(host) else {
            return .failure(.init("host in '\(text)' is empty or not a host name or IP address"))
        }
        return .success(UplinkURL(scheme: scheme, host: String(host), port: port))
    }

    private static func isHost(_ host: Substring) -> Bool {
        if host.hasPrefix("["), host.hasSuffix("]") {
            let inner = host.dropFirst().dropLast()
            return !inner.isEmpty && inner.allSatisfy { $0.isHexDigit || $0 == ":" || $0 == "." }
        }
        return !host.isEmpty && host.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "." || $0 == "-" || $0 == "_") }
    }
}
