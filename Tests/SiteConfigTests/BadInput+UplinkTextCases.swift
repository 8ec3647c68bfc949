/// Uplink values that pass every other check but that libmosquitto refuses when the uplink
/// starts (see `MQTTText`): caught by `validate` instead, at the value.
extension BadInput {
    static let uplinkTextCases: [BadInput] = [
        BadInput(
            name: "control character in client id",
            site: site(uplinks: [#"  - { name: police, url: "mqtt://h", topic_prefix: a, client_id: "gw\x01" }"#]),
            line: 6, column: 66, message: #"'client_id' contains the control character U+0001 at character 3; MQTT refuses it, found 'gw\u{01}'"#
        ),
        BadInput(
            name: "C1 control in client id",
            site: site(uplinks: [#"  - { name: police, url: "mqtt://h", topic_prefix: a, client_id: "gw\x9B1" }"#]),
            line: 6, column: 66, message: "'client_id' contains the control character U+009B at character 3"
        ),
        BadInput(
            name: "noncharacter in client id",
            site: site(uplinks: [#"  - { name: police, url: "mqtt://h", topic_prefix: a, client_id: "gw\uFFFE" }"#]),
            line: 6, column: 66, message: "'client_id' contains the noncharacter U+FFFE at character 3"
        ),
        BadInput(
            name: "escape character in username",
            site: site(uplinks: [#"  - { name: police, url: "mqtt://h", topic_prefix: a, username: "pol\eice" }"#]),
            line: 6, column: 65, message: "'username' contains the control character U+001B (escape) at character 4"
        ),
        BadInput(
            name: "noncharacter in username",
            site: site(uplinks: [#"  - { name: police, url: "mqtt://h", topic_prefix: a, username: "police\uFDD0" }"#]),
            line: 6, column: 65, message: "'username' contains the noncharacter U+FDD0 at character 7"
        ),
        BadInput(
            name: "bad username with a password",
            site: site(uplinks: [#"  - { name: police, url: "mqtt://h", topic_prefix: a, username: "po\tlice", password: x }"#]),
            line: 6, column: 65, message: "'username' contains the control character U+0009 (tab) at character 3"
        ),
        BadInput(
            name: "delete character in topic prefix",
            site: site(uplinks: [#"  - { name: police, url: "mqtt://h", topic_prefix: "campus/v1\x7F" }"#]),
            line: 6, column: 52, message: "'topic_prefix' contains the control character U+007F (delete) at character 10"
        ),
        BadInput(
            name: "plane noncharacter in topic prefix",
            site: site(uplinks: [#"  - { name: police, url: "mqtt://h", topic_prefix: "campus/\U0001FFFF" }"#]),
            line: 6, column: 52, message: "'topic_prefix' contains the noncharacter U+1FFFF at character 8"
        ),
        BadInput(
            name: "topic prefix longer than MQTT topics allow",
            site: site(uplinks: [#"  - { name: police, url: "mqtt://h", topic_prefix: "# + String(repeating: "a", count: 65_464) + " }"]),
            line: 6, column: 52,
            message: "'topic_prefix' is 65464 bytes long; at most 65463, so that every topic under it (up to '{prefix}/events/' and a 64-character device id) stays within MQTT's 65535 bytes"
        ),
        BadInput(
            name: "NUL in password",
            site: site(uplinks: [#"  - { name: police, url: "mqtt://h", topic_prefix: a, username: u, password: "se\0cret" }"#]),
            line: 6, column: 78, message: "'password' must not contain the NUL character: libmosquitto would cut the password there"
        ),
        BadInput(
            name: "password longer than MQTT allows",
            site: site(uplinks: [#"  - { name: police, url: "mqtt://h", topic_prefix: a, username: u, password: "# + String(repeating: "p", count: 65_536) + " }"]),
            line: 6, column: 78, message: "'password' is 65536 bytes long; MQTT allows at most 65535"
        ),
    ]
}
