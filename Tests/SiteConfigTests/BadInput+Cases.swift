/// Each case breaks one thing and expects exactly one diagnostic, at the key or value to fix.
extension BadInput {
    static let all: [BadInput] = siteCases + deviceCases + uplinkCases + uplinkTextCases + routeCases + routingCases + armingCases + profileCases + uplinkLinkCases + journalCases

    static let siteCases: [BadInput] = [
        BadInput(
            name: "misspelt time zone", site: site(section: "site: { id: s1, name: Test, timezone: Asia/Shangai }\nprofiles: [REPO/DeviceProfiles]"),
            line: 1, column: 39, message: "unknown time zone 'Asia/Shangai': use an IANA name like Asia/Shanghai; did you mean 'Asia/Shanghai'?"
        ),
        BadInput(
            name: "ambiguous time zone abbreviation", site: site(section: "site: { id: s1, name: Test, timezone: CST }\nprofiles: [REPO/DeviceProfiles]"),
            line: 1, column: 39, message: "unknown time zone 'CST'"
        ),
        BadInput(
            name: "site without id", site: site(section: "site: { name: Test, timezone: UTC }\nprofiles: [REPO/DeviceProfiles]"),
            line: 1, column: 7, message: "'site' is missing required key 'id'"
        ),
        BadInput(
            name: "site id with a space", site: site(section: "site: { id: \"s 1\", name: Test, timezone: UTC }\nprofiles: [REPO/DeviceProfiles]"),
            line: 1, column: 13, message: "site id 's 1' may only contain letters A-Z a-z, digits, '-' and '_'"
        ),
        BadInput(
            name: "site as a list", site: site(section: "site: [s1, Test, UTC]\nprofiles: [REPO/DeviceProfiles]"),
            line: 1, column: 7, message: "'site' must be a map of key: value, found a list"
        ),
        BadInput(
            name: "misspelt top-level key", site: site(tail: ["rutes: []"]),
            line: 7, column: 1, message: "unknown key 'rutes' in the site file; did you mean 'routes'? (valid keys: site, profiles, devices, uplinks, routes, schedules, linkage, flood, drill, arming, journal, status)"
        ),
        BadInput(
            name: "missing profile folder", site: site(section: "site: { id: s1, name: Test, timezone: UTC }\nprofiles: [nowhere, REPO/DeviceProfiles]"),
            line: 2, column: 12, message: "profile folder 'nowhere' does not exist ("
        ),
        BadInput(
            name: "no devices", site: site(devices: ["  []"]),
            line: 4, column: 3, message: "'devices' must list at least one device"
        ),
    ]

    static let deviceCases: [BadInput] = [
        BadInput(
            name: "misspelt device key", site: site(devices: [#"  - { id: d1, profile: sos-button, connection: "tcp://127.0.0.1:1502", pol: 100ms }"#]),
            line: 4, column: 72,
            message: "unknown key 'pol' in device; did you mean 'poll'? (valid keys: id, profile, connection, unit, poll, timeout, offline_after, location, cameras, tags, zone)"
        ),
        BadInput(
            name: "device without connection", site: site(devices: ["  - { id: d1, profile: sos-button }"]),
            line: 4, column: 5, message: "device is missing required key 'connection'"
        ),
        BadInput(
            name: "unit out of range", site: site(devices: [#"  - { id: d1, profile: sos-button, connection: "tcp://h:502", unit: 300 }"#]),
            line: 4, column: 69, message: "'unit' must be between 1 and 247, found 300"
        ),
        BadInput(
            name: "unit as a word", site: site(devices: [#"  - { id: d1, profile: sos-button, connection: "tcp://h:502", unit: one }"#]),
            line: 4, column: 69, message: "'unit' must be a whole number, found 'one'"
        ),
        BadInput(
            name: "poll without a unit", site: site(devices: [#"  - { id: d1, profile: sos-button, connection: "tcp://h:502", poll: 100 }"#]),
            line: 4, column: 69, message: "'poll': expected a duration like 100ms or 2s, found '100'"
        ),
        BadInput(
            name: "poll too fast", site: site(devices: [#"  - { id: d1, profile: sos-button, connection: "tcp://h:502", poll: 5ms }"#]),
            line: 4, column: 69, message: "'poll' must be between 10ms and 1h, found 5ms"
        ),
        BadInput(
            name: "device id with a slash", site: site(devices: [#"  - { id: gate/east, profile: sos-button, connection: "tcp://h:502" }"#]),
            line: 4, column: 11, message: "device id 'gate/east' may only contain"
        ),
        BadInput(
            name: "misspelt profile", site: site(devices: [#"  - { id: d1, profile: sos-buton, connection: "tcp://h:502" }"#]),
            line: 4, column: 24, message: "profile 'sos-buton' not found in "
        ),
        BadInput(
            name: "port out of range", site: site(devices: [#"  - { id: d1, profile: sos-button, connection: "tcp://10.0.0.5:99999" }"#]),
            line: 4, column: 48, message: "port in 'tcp://10.0.0.5:99999' must be a number 1–65535"
        ),
        BadInput(
            name: "unknown connection scheme", site: site(devices: [#"  - { id: d1, profile: sos-button, connection: "udp://10.0.0.5:502" }"#]),
            line: 4, column: 48, message: "connection must start with tcp:// or rtu://, got 'udp://10.0.0.5:502'"
        ),
        BadInput(
            name: "odd baud rate", site: site(devices: [#"  - { id: d1, profile: sos-button, connection: "rtu:///dev/ttyS1?baud=9601" }"#]),
            line: 4, column: 48, message: "baud must be one of 1200, 2400, 4800, 9600, 19200, 38400, 57600, 115200, got '9601'"
        ),
        BadInput(
            name: "null value for an optional key", site: site(devices: [#"  - { id: d1, profile: sos-button, connection: "tcp://h:502", poll: }"#]),
            line: 4, column: 63, message: "'poll' needs a value; leave the key out to use its default"
        ),
        BadInput(
            name: "duplicate device id",
            site: site(devices: [#"  - { id: d1, profile: sos-button, connection: "tcp://h:502" }"#, #"  - { id: d1, profile: sos-button, connection: "tcp://h:503" }"#]),
            line: 5, column: 11, message: "device id 'd1' is already used at line 4"
        ),
        BadInput(
            name: "two devices on one address",
            site: site(devices: [#"  - { id: d1, profile: sos-button, connection: "tcp://h:502" }"#, #"  - { id: d2, profile: bollard, connection: "tcp://h:502", unit: 1 }"#]),
            line: 5, column: 45, message: "device 'd2' uses the same connection and unit as device 'd1' at line 4 (tcp://h:502 unit 1)"
        ),
        BadInput(
            name: "one serial line, two baud rates",
            site: site(devices: [
                #"  - { id: d1, profile: sos-button, connection: "rtu:///dev/ttyS1?baud=9600" }"#,
                #"  - { id: d2, profile: bollard, connection: "rtu:///dev/ttyS1?baud=19200", unit: 2 }"#,
            ]),
            line: 5, column: 45, message: "serial line /dev/ttyS1 is set up as 'rtu:///dev/ttyS1?baud=9600&parity=N&data=8&stop=1' by device 'd1' at line 4"
        ),
        BadInput(
            name: "cameras as a single value", site: site(devices: [#"  - { id: d1, profile: sos-button, connection: "tcp://h:502", cameras: cam-1 }"#]),
            line: 4, column: 72, message: "'cameras' must be a list, found the value 'cam-1'"
        ),
    ]

    static let uplinkCases: [BadInput] = [
        BadInput(
            name: "http uplink", site: site(uplinks: [#"  - { name: police, url: "http://10.0.0.1", topic_prefix: a/b }"#]),
            line: 6, column: 26, message: "url must start with mqtt:// or mqtts://, got 'http://10.0.0.1'"
        ),
        BadInput(
            name: "wildcard in topic prefix", site: site(uplinks: [#"  - { name: police, url: "mqtt://h", topic_prefix: "campus/#" }"#]),
            line: 6, column: 52, message: "'topic_prefix' must not contain '+' or '#'"
        ),
        BadInput(
            name: "trailing slash in topic prefix", site: site(uplinks: [#"  - { name: police, url: "mqtt://h", topic_prefix: campus/v1/ }"#]),
            line: 6, column: 52, message: "'topic_prefix' must not start or end with '/'"
        ),
        BadInput(
            name: "keepalive too short", site: site(uplinks: [#"  - { name: police, url: "mqtt://h", topic_prefix: a, keepalive: 2s }"#]),
            line: 6, column: 66, message: "'keepalive' must be between 5s and 1h, found 2s"
        ),
        BadInput(
            name: "password without username", site: site(uplinks: [#"  - { name: police, url: "mqtt://h", topic_prefix: a, password: x }"#]),
            line: 6, column: 65, message: "'password' needs a 'username'"
        ),
        BadInput(
            name: "duplicate uplink name",
            site: site(uplinks: [#"  - { name: police, url: "mqtt://h", topic_prefix: a }"#, #"  - { name: police, url: "mqtt://g", topic_prefix: b }"#]),
            line: 7, column: 13, message: "uplink name 'police' is already used at line 6"
        ),
        BadInput(
            name: "two uplinks with one client id on one broker",
            site: site(uplinks: [
                #"  - { name: police, url: "mqtt://h", topic_prefix: a, client_id: gw }"#,
                #"  - { name: edu, url: "mqtt://h:1883", topic_prefix: b, client_id: gw }"#,
            ]),
            line: 7, column: 68, message: "uplinks 'police' and 'edu' both connect to h:1883 as client_id 'gw'"
        ),
    ]

    static let routeCases: [BadInput] = [
        BadInput(
            name: "route to an unknown uplink", site: site(tail: ["routes:", "  - { name: r1, to: [polce] }"]),
            line: 8, column: 22, message: "unknown uplink 'polce' in route 'r1'; did you mean 'police'?"
        ),
        BadInput(
            name: "route for an unknown device", site: site(tail: ["routes:", "  - { name: r1, devices: [d2], to: [police] }"]),
            line: 8, column: 27, message: "unknown device 'd2' in route 'r1'; did you mean 'd1'?"
        ),
        BadInput(
            name: "bad kind pattern", site: site(tail: ["routes:", "  - { name: r1, kind: [alarm.*, Alarm], to: [police] }"]),
            line: 8, column: 33, message: "kind 'Alarm' is not a kind pattern"
        ),
        BadInput(
            name: "unknown severity", site: site(tail: ["routes:", "  - { name: r1, severity: high, to: [police] }"]),
            line: 8, column: 27, message: "'severity' must be one of critical, major, minor, info, found 'high'"
        ),
        BadInput(
            name: "route without uplinks", site: site(tail: ["routes:", "  - { name: r1, kind: \"*\" }"]),
            line: 8, column: 5, message: "route is missing required key 'to'"
        ),
    ]
}
