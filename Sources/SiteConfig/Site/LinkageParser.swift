import GatewayCore
import Yams

/// Reads one entry of the site's `linkage:` list.
///
/// ```yaml
/// - name: sos-sounds-siren
///   when: { kind: alarm.emergency }          # state: active unless given
///   do:
///     - { device: guard-siren, command: siren_on }
///     - { device: gate-east, command: close }
///   schedule: school-hours                   # optional
///   cooldown: 60s                            # optional, default 0s
/// ```
struct LinkageParser {
    static let keys = ["name", "when", "do", "schedule", "cooldown"]
    static let whenKeys = EventMatchReader.keys.filter { $0 != "schedule" } + ["state"]
    static let actionKeys = ["device", "command", "argument"]

    let file: YAMLFile

    func parse(_ node: Node) -> LinkageDraft? {
        guard let map = MapReader(node, what: "linkage rule", label: "each entry of 'linkage'", keys: Self.keys, file: file) else { return nil }
        let name = map.text("name", required: true)
        if let name, let problem = Identifier.problem(name.value, what: "linkage rule name") { file.error(problem, at: name.mark) }
        var when: EventMatchDraft?
        if let node = map.required("when"), let whenMap = MapReader(node, what: "'when'", keys: Self.whenKeys, file: file) {
            when = EventMatchReader(file: file).read(whenMap, defaultStates: [.active])
        }
        when?.schedule = map.text("schedule")
        var actions: [LinkageActionDraft] = []
        if let list = map.list("do", required: true) {
            if list.isEmpty { file.error("'do' must list at least one command", at: map.value("do")?.mark) }
            actions = list.compactMap(action)
        }
        let cooldown = map.duration("cooldown", in: .zero ... .seconds(86400)) ?? .zero
        return LinkageDraft(name: name, when: when, actions: actions, cooldown: cooldown)
    }

    private func action(_ node: Node) -> LinkageActionDraft? {
        guard let map = MapReader(node, what: "linkage command", label: "each entry of 'do'", keys: Self.actionKeys, file: file) else { return nil }
        let device = map.text("device", required: true)
        let command = map.text("command", required: true)
        if let command, let problem = Identifier.problem(command.value, what: "command name") { file.error(problem, at: command.mark) }
        let argument = map.number("argument")
        guard let device, let command else { return nil }
        return LinkageActionDraft(device: device, command: command.value, argument: argument)
    }
}
