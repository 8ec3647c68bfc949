import Yams

/// Reads one entry of the site's `uplinks:` list.
struct UplinkParser {
    static let keys = [
        "name", "url", "client_id", "username", "password", "topic_prefix", "keepalive", "heartbeat", "backup_url", "protocol",
        "will_delay", "message_expiry", "ca_file", "cert_file", "key_file", "tls_verify", "credentials_file", "commands",
        "command_key", "command_window", "periodic_test",
    ]
    static let keepaliveRange: ClosedRange<Duration> = .seconds(5)...(.seconds(3600))
    static let heartbeatRange: ClosedRange<Duration> = .seconds(1)...(.seconds(3600))
    /// Brokers must take client ids of up to 23 characters; most take far more. 128 keeps
    /// ids readable in broker logs.
    static let maxClientIDLength = 128

    let file: YAMLFile
    /// For the default client id; "" while the site id is missing or wrong.
    let siteID: String
    /// Absolute folder of the site file: relative file paths start here.
    let folder: String

    func parse(_ node: Node) -> UplinkDraft? {
        guard let map = MapReader(node, what: "uplink", label: "each entry of 'uplinks'", keys: Self.keys, file: file) else { return nil }
        var name = map.text("name", required: true)
        if let given = name, let problem = Identifier.problem(given.value, what: "uplink name") {
            file.error(problem, at: given.mark)
            name = nil
        }
        let url = map.text("url", required: true).flatMap(url)
        let clientID = map.text("client_id").map(checkedClientID)
            ?? Located(value: "campus-gateway-\(siteID)-\(name?.value ?? "")", mark: map.mark)
        let username = map.text("username").flatMap(checkedUsername)?.value
        let password = map.text("password")
        if password != nil, username == nil, map.value("username") == nil, !map.has("credentials_file") {
            file.error("'password' needs a 'username': MQTT sends no password without one", at: password?.mark)
        } else if let password, let problem = Self.passwordProblem(password.value) {
            file.error("'password' \(problem)", at: password.mark)
        }
        var topicPrefix = map.text("topic_prefix", required: true)
        if let given = topicPrefix, let problem = Self.topicPrefixProblem(given.value) {
            file.error("'topic_prefix' \(problem)", at: given.mark)
            topicPrefix = nil
        }
        let keepalive = map.duration("keepalive", in: Self.keepaliveRange)
        if let keepalive, keepalive.components.attoseconds != 0 {
            // MQTT carries keepalive as whole seconds.
            file.error("'keepalive' must be a whole number of seconds, found \(DurationParser.format(keepalive))", at: map.value("keepalive")?.mark)
        }
        let heartbeat = map.duration("heartbeat", in: Self.heartbeatRange)
        var draft = UplinkDraft(
            name: name, url: url, clientID: clientID, username: username, password: password?.value,
            topicPrefix: topicPrefix?.value, keepalive: keepalive ?? .seconds(30), heartbeat: heartbeat ?? .seconds(10)
        )
        readLinkOptions(map, url: url?.value, into: &draft)
        readSecurityOptions(map, url: url?.value, into: &draft)
        return draft
    }

    private func url(_ text: Located<String>) -> Located<UplinkURL>? {
        switch UplinkURL.parse(text.value) {
        case .success(let url): return Located(value: url, mark: text.mark)
        case .failure(let problem):
            file.error(problem.description, at: text.mark)
            return nil
        }
    }

    private func checkedClientID(_ id: Located<String>) -> Located<String> {
        if id.value.isEmpty || id.value.count > Self.maxClientIDLength || id.value.contains(where: { $0.isWhitespace || $0.isNewline }) {
            file.error("'client_id' must be 1 to \(Self.maxClientIDLength) characters without spaces, found \(Self.shown(id.value))", at: id.mark)
        } else if let problem = MQTTText.problem(id.value) {
            file.error("'client_id' \(problem), found \(Self.shown(id.value))", at: id.mark)
        }
        return id
    }

    /// libmosquitto refuses a username that is not MQTT UTF-8 when the uplink starts.
    private func checkedUsername(_ name: Located<String>) -> Located<String>? {
        guard let problem = MQTTText.problem(name.value) else { return name }
        file.error("'username' \(problem)", at: name.mark)
        return nil
    }

    /// MQTT carries the password as binary data: any character goes, but libmosquitto takes
    /// it as a C string (a NUL would silently cut it short) and the length has 16 bits.
    static func passwordProblem(_ password: String) -> String? {
        if password.utf8.contains(0) {
            return "must not contain the NUL character: libmosquitto would cut the password there"
        }
        if password.utf8.count > MQTTText.maxBytes {
            return "is \(password.utf8.count) bytes long; MQTT allows at most \(MQTTText.maxBytes)"
        }
        return nil
    }

    /// A value in a diagnostic: quoted, with control characters escaped so the message stays
    /// on one line and shows them.
    static func shown(_ value: String) -> String {
        guard value.unicodeScalars.contains(where: { MQTTText.isRefused($0.value) }) else { return "'\(value)'" }
        return "'" + value.unicodeScalars.map { MQTTText.isRefused($0.value) ? $0.escaped(asASCII: true) : String($0) }.joined() + "'"
    }

    /// Why `prefix` cannot start every topic of an uplink, or nil.
    static func topicPrefixProblem(_ prefix: String) -> String? {
        if prefix.isEmpty { return "must not be empty" }
        if prefix.contains("+") || prefix.contains("#") {
            return "must not contain '+' or '#': they are MQTT wildcards, found '\(prefix)'"
        }
        if prefix.hasPrefix("/") || prefix.hasSuffix("/") {
            return "must not start or end with '/', found '\(prefix)'"
        }
        if prefix.split(separator: "/", omittingEmptySubsequences: false).contains(where: \.isEmpty) {
            return "must not have empty levels ('//'), found '\(prefix)'"
        }
        if prefix.unicodeScalars.contains(where: { $0.value == 0 }) {
            return "must not contain the NUL character"
        }
        if prefix.utf8.count > maxTopicPrefixBytes {
            return "is \(prefix.utf8.count) bytes long; at most \(maxTopicPrefixBytes), so that every topic under it "
                + "(up to '{prefix}/events/' and a \(Identifier.maxLength)-character device id) stays within MQTT's "
                + "\(MQTTText.maxBytes) bytes"
        }
        if let problem = MQTTText.problem(prefix) { return problem }
        return nil
    }

    /// The longest topic is `{prefix}/events/{device}`, device ids being identifiers.
    static let maxTopicPrefixBytes = MQTTText.maxBytes - "/events/".utf8.count - Identifier.maxLength
}
