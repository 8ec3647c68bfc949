/// The uplink's topic tree, all under one prefix (see docs/mqtt-api.md).
///
/// | topic | direction | QoS | retained |
/// |---|---|---|---|
/// | `{prefix}/events/{device}` | out | 1 | no |
/// | `{prefix}/state/{device}` | out | 1 | yes |
/// | `{prefix}/status` | out (birth, will, shutdown) | 1 | yes |
/// | `{prefix}/heartbeat` | out | 0 | no |
/// | `{prefix}/commands` | in (reserved) | 1 | no |
/// | `{prefix}/commands/result` | out (reserved) | 1 | no |
public struct Topics: Sendable, Equatable {
    /// Without a trailing slash.
    public let prefix: String

    public init(prefix: String) {
        var trimmed = Substring(prefix)
        while trimmed.hasSuffix("/") { trimmed = trimmed.dropLast() }
        self.prefix = String(trimmed)
    }

    /// Every event of `device`.
    public func events(device: String) -> String { "\(prefix)/events/\(Self.level(device))" }
    /// A route's own topic under the prefix, with `{device}` and `{kind}` filled in (each
    /// made a safe single level).
    public func custom(_ template: String, device: String, kind: String) -> String {
        let levels = template.replacing("{device}", with: Self.level(device)).replacing("{kind}", with: Self.level(kind))
        return "\(prefix)/\(levels)"
    }
    /// The live, retained state of `device`.
    public func state(device: String) -> String { "\(prefix)/state/\(Self.level(device))" }
    /// The gateway's retained status: birth, last will, clean shutdown.
    public var status: String { "\(prefix)/status" }
    public var heartbeat: String { "\(prefix)/heartbeat" }
    /// Reserved: commands from the platform (not implemented yet).
    public var commands: String { "\(prefix)/commands" }
    /// Reserved: results of commands (not implemented yet).
    public var commandResults: String { "\(prefix)/commands/result" }

    /// One topic level made from a name: `/`, `+`, `#` and NUL would split the level or make
    /// the topic unpublishable (the event would then be stuck for ever), so they become `_`.
    /// Site files normally use plain ids, which pass unchanged.
    public static func level(_ name: String) -> String {
        guard !name.isEmpty else { return "_" }
        guard name.utf8.contains(where: { $0 == 0x2F || $0 == 0x2B || $0 == 0x23 || $0 == 0 }) else { return name }
        return String(String.UnicodeScalarView(name.unicodeScalars.map { ["/", "+", "#", "\0"].contains($0) ? "_" : $0 }))
    }

    /// Filters a platform subscribes to.
    public var allEvents: String { "\(prefix)/events/+" }
    public var allStates: String { "\(prefix)/state/+" }
}
