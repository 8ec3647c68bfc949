import GatewayCore

/// Conditions as read; device and schedule names are checked once the whole file is read.
struct EventMatchDraft {
    var kinds: [String]
    var minSeverity: Severity
    var devices: [Located<String>]
    var tags: [Located<String>]
    var locations: [Located<String>]
    var states: [EventState]
    var schedule: Located<String>?

    var match: EventMatch {
        EventMatch(
            kinds: kinds, minSeverity: minSeverity, devices: devices.map(\.value), tags: tags.map(\.value),
            locations: locations.map(\.value), states: states, schedule: schedule?.value)
    }
}
