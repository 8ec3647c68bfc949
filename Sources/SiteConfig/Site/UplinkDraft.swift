/// An uplink as read from the site file. Fields are nil when missing or wrong.
struct UplinkDraft {
    var name: Located<String>?
    var url: Located<UplinkURL>?
    /// The client id in effect, given or default; its mark is the uplink's when defaulted.
    var clientID: Located<String>
    var username: String?
    var password: String?
    var topicPrefix: String?
    var keepalive: Duration
    var heartbeat: Duration

    func config() -> UplinkConfig? {
        guard let name, let url, let topicPrefix else { return nil }
        return UplinkConfig(
            name: name.value, scheme: url.value.scheme, host: url.value.host, port: url.value.port, clientID: clientID.value,
            username: username, password: password, topicPrefix: topicPrefix, keepalive: keepalive, heartbeat: heartbeat
        )
    }
}
