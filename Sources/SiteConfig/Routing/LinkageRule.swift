/// 报警联动: when an event matches, run local device commands (sound the siren, light the
/// strobe, close the gates, raise the bollards). Runs in the gateway, so it works with
/// every uplink down.
public struct LinkageRule: Sendable, Equatable {
    public var name: String
    /// Events that trigger the rule; by default only `active` ones.
    public var when: EventMatch
    public var actions: [LinkageAction]
    /// After firing, the rule does not fire again for this long.
    public var cooldown: Duration

    public init(name: String, when: EventMatch, actions: [LinkageAction], cooldown: Duration = .zero) {
        self.name = name
        self.when = when
        self.actions = actions
        self.cooldown = cooldown
    }
}
