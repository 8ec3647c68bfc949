/// Uplink keys for the backup path, MQTT 5, TLS and commands, and the journal section.
extension BadInput {
    static func uplink(_ extra: String, url: String = "mqtt://h") -> [String] {
        [#"  - { name: police, url: "\#(url)", topic_prefix: a, \#(extra) }"#]
    }

    static let uplinkLinkCases: [BadInput] = [
        BadInput(
            name: "backup url with another scheme", site: site(uplinks: uplink(#"backup_url: "mqtts://b""#)),
            line: 6, column: 67, message: "'backup_url' must use the same scheme as 'url' (mqtt://)"
        ),
        BadInput(
            name: "backup url equal to the url", site: site(uplinks: uplink(#"backup_url: "mqtt://h:1883""#)),
            line: 6, column: 67, message: "'backup_url' is the same broker as 'url'"
        ),
        BadInput(
            name: "backup url with a path", site: site(uplinks: uplink(#"backup_url: "mqtt://b/x""#)),
            line: 6, column: 67, message: "'backup_url': url must be mqtt://HOST[:PORT] with no path"
        ),
        BadInput(
            name: "unknown protocol", site: site(uplinks: uplink(#"protocol: "3.1""#)),
            line: 6, column: 65, message: "'protocol' must be one of 3.1.1, 5, found '3.1'"
        ),
        BadInput(
            name: "will delay on MQTT 3.1.1", site: site(uplinks: uplink("will_delay: 10s")),
            line: 6, column: 55, message: #"'will_delay' needs 'protocol: "5"': MQTT 3.1.1 has no will delay"#
        ),
        BadInput(
            name: "message expiry out of range", site: site(uplinks: uplink(#"protocol: "5", message_expiry: 0s"#)),
            line: 6, column: 86, message: "'message_expiry' must be between 1s and 168h, found 0s"
        ),
        BadInput(
            name: "TLS file on a plain url", site: site(uplinks: uplink("ca_file: ca.pem")),
            line: 6, column: 55, message: "'ca_file' is only for TLS: use an mqtts:// url"
        ),
        BadInput(
            name: "missing CA file", site: site(uplinks: uplink("ca_file: nowhere/ca.pem", url: "mqtts://h")),
            line: 6, column: 65, message: "'ca_file': cannot read"
        ),
        BadInput(
            name: "client key without certificate", site: site(uplinks: uplink("key_file: /etc/hostname", url: "mqtts://h")),
            line: 6, column: 56, message: "'key_file' needs 'cert_file': mutual TLS takes a certificate and its key"
        ),
        BadInput(
            name: "tls_verify not a boolean", site: site(uplinks: uplink("tls_verify: maybe", url: "mqtts://h")),
            line: 6, column: 68, message: "'tls_verify' must be one of true, false, found 'maybe'"
        ),
        BadInput(
            name: "unknown command", site: site(uplinks: uplink("commands: [siren, lockdwn]")),
            line: 6, column: 73, message: "unknown command 'lockdwn'; did you mean 'lockdown'?"
        ),
        BadInput(
            name: "short command key", site: site(uplinks: uplink("command_key: short")),
            line: 6, column: 68, message: "'command_key' must be at least 16 characters"
        ),
        BadInput(
            name: "missing credentials file", site: site(uplinks: uplink("credentials_file: nowhere.yaml")),
            line: 6, column: 73, message: "'credentials_file': cannot read"
        ),
        BadInput(
            name: "command window too long", site: site(uplinks: uplink("command_window: 1h")),
            line: 6, column: 71, message: "'command_window' must be between 1s and 10m, found 1h"
        ),
    ]

    static let journalCases: [BadInput] = [
        BadInput(
            name: "unknown journal key", site: site(tail: ["journal: { path: j.db, retention: 30 }"]),
            line: 7, column: 24, message: "unknown key 'retention' in 'journal'"
        ),
        BadInput(
            name: "journal retention out of range", site: site(tail: ["journal: { retention_days: 0 }"]),
            line: 7, column: 28, message: "'retention_days' must be between 1 and 3650, found 0"
        ),
        BadInput(
            name: "journal size too small", site: site(tail: ["journal: { max_size_mb: 1 }"]),
            line: 7, column: 25, message: "'max_size_mb' must be between 16 and 1048576, found 1"
        ),
    ]
}
