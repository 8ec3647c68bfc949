import Foundation
import Yams

/// The uplink keys beyond address and identity: the backup path, the MQTT version and its
/// timers, TLS files, credentials and commands.
extension UplinkParser {
    static let willDelayRange: ClosedRange<Duration> = .seconds(0)...(.seconds(3600))
    static let expiryRange: ClosedRange<Duration> = .seconds(1)...(.seconds(7 * 86_400))
    static let commandWindowRange: ClosedRange<Duration> = .seconds(1)...(.seconds(600))
    static let periodicTestRange: ClosedRange<Duration> = .seconds(60)...(.seconds(7 * 86_400))
    /// A short network drop (a 4G handover) should not be reported as offline.
    static let defaultWillDelay: Duration = .seconds(15)

    enum Switch: String, CaseIterable { case `true`, `false` }

    func readLinkOptions(_ map: MapReader, url: UplinkURL?, into draft: inout UplinkDraft) {
        if let text = map.text("backup_url") {
            switch UplinkURL.parse(text.value) {
            case .success(let backup):
                if let url, backup.scheme != url.scheme {
                    file.error("'backup_url' must use the same scheme as 'url' (\(url.scheme.rawValue)://): both paths share the TLS settings", at: text.mark)
                } else if let url, backup.host == url.host, backup.port == url.port {
                    file.error("'backup_url' is the same broker as 'url'; a backup path must be another address", at: text.mark)
                } else {
                    draft.backup = backup
                }
            case .failure(let problem):
                file.error("'backup_url': \(problem.description)", at: text.mark)
            }
        }
        if let version = map.choice("protocol", as: UplinkConfig.MQTTVersion.self) { draft.protocolVersion = version.value }
        let willDelay = map.duration("will_delay", in: Self.willDelayRange)
        let expiry = map.duration("message_expiry", in: Self.expiryRange)
        if draft.protocolVersion == .v311 {
            for key in ["will_delay", "message_expiry"] where map.has(key) {
                file.error("'\(key)' needs 'protocol: \"5\"': MQTT 3.1.1 has no \(key == "will_delay" ? "will delay" : "message expiry")", at: map.keyMark(key))
            }
        } else {
            draft.willDelay = willDelay ?? Self.defaultWillDelay
            if let expiry { draft.messageExpiry = expiry }
        }
        if let window = map.duration("command_window", in: Self.commandWindowRange) { draft.commandWindow = window }
        if let period = map.duration("periodic_test", in: Self.periodicTestRange) { draft.periodicTest = period }
    }

    func readSecurityOptions(_ map: MapReader, url: UplinkURL?, into draft: inout UplinkDraft) {
        let tlsKeys = ["ca_file", "cert_file", "key_file", "tls_verify"]
        if let url, url.scheme == .mqtt {
            for key in tlsKeys where map.has(key) {
                file.error("'\(key)' is only for TLS: use an mqtts:// url", at: map.keyMark(key))
            }
        } else {
            readTLSFiles(map, into: &draft)
        }
        readCommands(map, into: &draft)
        if let path = map.text("credentials_file") {
            readCredentials(path, map: map, into: &draft)
        }
    }

    private func readTLSFiles(_ map: MapReader, into draft: inout UplinkDraft) {
        draft.caFile = existingFile(map, "ca_file")
        draft.certFile = existingFile(map, "cert_file")
        draft.keyFile = existingFile(map, "key_file")
        if map.has("cert_file") != map.has("key_file") {
            let given = map.has("cert_file") ? "cert_file" : "key_file"
            file.error("'\(given)' needs '\(given == "cert_file" ? "key_file" : "cert_file")': mutual TLS takes a certificate and its key", at: map.keyMark(given))
        }
        if let verify = map.choice("tls_verify", as: Switch.self) { draft.tlsVerify = verify.value == .true }
    }

    private func readCommands(_ map: MapReader, into draft: inout UplinkDraft) {
        if let commands = map.textList("commands") {
            var allowed: [String] = []
            for command in commands {
                if UplinkConfig.knownCommands.contains(command.value) {
                    if !allowed.contains(command.value) { allowed.append(command.value) }
                } else {
                    file.error(
                        "unknown command '\(command.value)'\(Spelling.hint(for: command.value, in: UplinkConfig.knownCommands)) "
                            + "(known: \(UplinkConfig.knownCommands.joined(separator: ", ")))", at: command.mark)
                }
            }
            draft.allowedCommands = allowed
        }
        if let key = map.text("command_key") {
            if key.value.utf8.count < 16 {
                file.error("'command_key' must be at least 16 characters: a short key can be guessed", at: key.mark)
            } else {
                draft.commandKey = Array(key.value.utf8)
            }
        }
    }

    private func existingFile(_ map: MapReader, _ key: String) -> String? {
        guard let text = map.text(key) else { return nil }
        let path = absolute(text.value)
        guard FileManager.default.isReadableFile(atPath: path) else {
            file.error("'\(key)': cannot read \(path)", at: text.mark)
            return nil
        }
        return path
    }

    func absolute(_ path: String) -> String {
        URL(fileURLWithPath: path, relativeTo: URL(fileURLWithPath: folder, isDirectory: true)).standardizedFileURL.path
    }

    /// Secrets kept out of the site file, so it can be shared: `username`, `password` and
    /// `command_key` from a file only its owner may read.
    private func readCredentials(_ given: Located<String>, map: MapReader, into draft: inout UplinkDraft) {
        let path = absolute(given.value)
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: path),
              let mode = (attributes[.posixPermissions] as? NSNumber)?.intValue
        else {
            file.error("'credentials_file': cannot read \(path)", at: given.mark)
            return
        }
        if mode & 0o077 != 0 {
            file.error(
                "'credentials_file' \(path) can be read by other users (mode \(String(mode & 0o777, radix: 8))); "
                    + "make it readable only by the service user: chmod 600", at: given.mark)
            return
        }
        let secrets = YAMLFile(path: path, log: file.log)
        guard let text = YAMLFile.read(path: path, log: file.log, referrer: (file, given.mark)) else { return }
        guard let root = secrets.compose(text),
              let credentials = MapReader(root, what: "credentials file", keys: ["username", "password", "command_key"], file: secrets)
        else { return }
        for key in ["username", "password", "command_key"] where credentials.has(key) && map.has(key) {
            file.error("'\(key)' is given both here and in 'credentials_file'; keep it in one place", at: map.keyMark(key))
        }
        if let username = credentials.text("username") {
            if let problem = MQTTText.problem(username.value) { secrets.error("'username' \(problem)", at: username.mark) } else { draft.username = username.value }
        }
        if let password = credentials.text("password") {
            if let problem = Self.passwordProblem(password.value) { secrets.error("'password' \(problem)", at: password.mark) } else { draft.password = password.value }
        }
        if draft.password != nil, draft.username == nil {
            let reporter = credentials.has("password") ? secrets : file
            reporter.error("'password' needs a 'username': MQTT sends no password without one", at: credentials.has("password") ? credentials.mark : map.keyMark("password"))
        }
        if let key = credentials.text("command_key") {
            if key.value.utf8.count < 16 {
                secrets.error("'command_key' must be at least 16 characters: a short key can be guessed", at: key.mark)
            } else {
                draft.commandKey = Array(key.value.utf8)
            }
        }
    }
}
