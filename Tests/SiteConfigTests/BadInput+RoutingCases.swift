/// Wrong routes, schedules, linkage rules, flood and drill settings.
extension BadInput {
    static let routingCases: [BadInput] = [
        BadInput(
            name: "route topic with a wildcard", site: site(tail: ["routes:", "  - { name: r1, to: [police], topic: \"alarms/#\" }"]),
            line: 8, column: 38, message: "'topic' must not contain '+' or '#': they are MQTT wildcards"
        ),
        BadInput(
            name: "route topic with an unknown placeholder", site: site(tail: ["routes:", "  - { name: r1, to: [police], topic: \"a/{zone}\" }"]),
            line: 8, column: 38, message: "'topic' may only use the placeholders {device} and {kind}, found 'a/{zone}'"
        ),
        BadInput(
            name: "route qos 2", site: site(tail: ["routes:", "  - { name: r1, to: [police], qos: 2 }"]),
            line: 8, column: 36, message: "'qos' must be between 0 and 1, found 2"
        ),
        BadInput(
            name: "route with an unknown schedule", site: site(tail: ["routes:", "  - { name: r1, to: [police], schedule: scool }", "schedules:", "  - { name: school, windows: [\"mon-fri 07:30-17:30\"] }"]),
            line: 8, column: 41, message: "unknown schedule 'scool' in route 'r1'; did you mean 'school'?"
        ),
        BadInput(
            name: "schedule window without days or times", site: site(tail: ["schedules:", "  - { name: s, windows: [\"weekdays 7-17\"] }"]),
            line: 8, column: 26, message: "window 'weekdays 7-17' has unknown days 'weekdays'"
        ),
        BadInput(
            name: "schedule window with a bad time", site: site(tail: ["schedules:", "  - { name: s, windows: [\"mon 07:30-25:00\"] }"]),
            line: 8, column: 26, message: "window 'mon 07:30-25:00' has no time range HH:MM-HH:MM (00:00 to 24:00)"
        ),
        BadInput(
            name: "schedule without windows", site: site(tail: ["schedules:", "  - { name: s }"]),
            line: 8, column: 5, message: "schedule is missing required key 'windows'"
        ),
        BadInput(
            name: "schedule with a bad holiday", site: site(tail: ["schedules:", "  - { name: s, windows: [\"daily 22:00-06:00\"], holidays: [2026-02-30] }"]),
            line: 8, column: 59, message: "holiday '2026-02-30' must be a date like 2026-10-01 or a range like 2026-10-01..2026-10-07"
        ),
        BadInput(
            name: "schedule with an unknown time zone", site: site(tail: ["schedules:", "  - { name: s, timezone: Beijing, windows: [\"daily 08:00-09:00\"] }"]),
            line: 8, column: 26, message: "unknown time zone 'Beijing'"
        ),
        BadInput(
            name: "two schedules with one name", site: site(tail: ["schedules:", "  - { name: s, windows: [\"daily 08:00-09:00\"] }", "  - { name: s, windows: [\"daily 10:00-11:00\"] }"]),
            line: 9, column: 13, message: "schedule name 's' is already used at line 8"
        ),
        BadInput(
            name: "linkage to an unknown device", site: site(tail: ["linkage:", "  - { name: l, when: { kind: alarm.emergency }, do: [{ device: sirne, command: siren_on }] }"]),
            line: 8, column: 64, message: "unknown device 'sirne' in linkage rule 'l'"
        ),
        BadInput(
            name: "linkage without commands", site: site(tail: ["linkage:", "  - { name: l, when: { kind: alarm.emergency }, do: [] }"]),
            line: 8, column: 53, message: "'do' must list at least one command"
        ),
        BadInput(
            name: "linkage with a misspelt when key", site: site(tail: ["linkage:", "  - { name: l, when: { knd: alarm.emergency }, do: [{ device: d1, command: reset }] }"]),
            line: 8, column: 24, message: "unknown key 'knd' in 'when'; did you mean 'kind'?"
        ),
        BadInput(
            name: "linkage with a cool-down without unit", site: site(tail: ["linkage:", "  - { name: l, when: { kind: alarm.emergency }, do: [{ device: d1, command: reset }], cooldown: 60 }"]),
            line: 8, column: 97, message: "'cooldown': expected a duration like 100ms or 2s, found '60'"
        ),
        BadInput(
            name: "linkage state that does not exist", site: site(tail: ["linkage:", "  - { name: l, when: { state: on }, do: [{ device: d1, command: reset }] }"]),
            line: 8, column: 31, message: "'state' must be one of active, cleared, any, found 'on'"
        ),
        BadInput(
            name: "flood limit of zero", site: site(tail: ["flood: { limit: 0, window: 10s }"]),
            line: 7, column: 17, message: "'limit' must be between 1 and 100000, found 0"
        ),
        BadInput(
            name: "flood as a bare word", site: site(tail: ["flood: on"]),
            line: 7, column: 8, message: "'flood' must be a map like { limit: 10, window: 10s } or the word off, found 'on'"
        ),
        BadInput(
            name: "drill with an unknown schedule", site: site(tail: ["drill: { schedule: drills }"]),
            line: 7, column: 20, message: "unknown schedule 'drills' in 'drill'"
        ),
    ]
}

extension BadInput {
    static let armingCases: [BadInput] = [
        BadInput(
            name: "arming with an unknown schedule", site: site(tail: ["arming:", "  - { zone: d1, schedule: nite }", "schedules:", "  - { name: night, windows: [\"daily 22:00-06:00\"] }"]),
            line: 8, column: 27, message: "unknown schedule 'nite' in 'arming'"
        ),
        BadInput(
            name: "arming a zone no device is in", site: site(tail: ["arming:", "  - { zone: d2, schedule: night }", "schedules:", "  - { name: night, windows: [\"daily 22:00-06:00\"] }"]),
            line: 8, column: 13, message: "unknown zone 'd2' in 'arming': no device is in it; did you mean 'd1'?"
        ),
        BadInput(
            name: "arming one zone twice", site: site(tail: ["arming:", "  - { zone: d1, schedule: night }", "  - { zone: d1, schedule: night }", "schedules:", "  - { name: night, windows: [\"daily 22:00-06:00\"] }"]),
            line: 9, column: 13, message: "arming zone 'd1' is already used at line 8"
        ),
    ]
}
