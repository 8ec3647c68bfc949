/// A request to act on a device: one of the commands its profile declares
/// (`open`, `siren_on`, `reset`, …), from a platform, a linkage rule or a technician.
public struct CommandRequest: Sendable, Equatable {
    /// The caller's id for this request, echoed in its result.
    public var id: String
    public var device: String
    /// A command name declared in the device's profile.
    public var command: String
    /// The value to write, for commands that take one; nil for fixed writes.
    public var argument: Double?
    /// Who asked: an uplink name, `linkage:RULE`, `schedule:NAME` or `cli`. Logged and
    /// carried into the result.
    public var origin: String

    public init(id: String, device: String, command: String, argument: Double? = nil, origin: String) {
        self.id = id
        self.device = device
        self.command = command
        self.argument = argument
        self.origin = origin
    }
}
