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
    var backup: UplinkURL?
    var protocolVersion = UplinkConfig.MQTTVersion.v311
    var willDelay: Duration?
    var messageExpiry: Duration = .seconds(3600)
    var caFile: String?
    var certFile: String?
    var keyFile: String?
    var tlsVerify = true
    var allowedCommands: [String] = []
    var commandKey: [UInt8]?
    var commandWindow: Duration = .seconds(30)
    var periodicTest: Duration? = .seconds(86_400)

    func config() -> UplinkConfig? {
        guard let name, let url, let topicPrefix else { return nil }
        return UplinkConfig(
            name: name.value, scheme: url.value.scheme, host: url.value.host, port: url.value.port, clientID: clientID.value,
            username: username, password: password, topicPrefix: topicPrefix, keepalive: keepalive, heartbeat: heartbeat,
            backup: backup.map { UplinkConfig.Address(host: $0.host, port: $0.port) }, protocolVersion: protocolVersion,
            willDelay: willDelay, messageExpiry: messageExpiry, caFile: caFile, certFile: certFile, keyFile: keyFile,
            tlsVerify: tlsVerify, allowedCommands: allowedCommands, commandKey: commandKey, commandWindow: commandWindow,
            periodicTest: periodicTest
        )
    }
}
