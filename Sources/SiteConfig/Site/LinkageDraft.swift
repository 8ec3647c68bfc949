/// A linkage rule as read; device and schedule names are checked once everything is read.
struct LinkageDraft {
    var name: Located<String>?
    var when: EventMatchDraft?
    var actions: [LinkageActionDraft]
    var cooldown: Duration

    func config() -> LinkageRule? {
        guard let name, let when, !actions.isEmpty else { return nil }
        return LinkageRule(
            name: name.value, when: when.match,
            actions: actions.map { LinkageAction(device: $0.device.value, command: $0.command, argument: $0.argument) },
            cooldown: cooldown)
    }
}
