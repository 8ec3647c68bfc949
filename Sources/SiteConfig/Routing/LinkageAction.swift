/// One command of a linkage rule: a command declared in the device's profile.
public struct LinkageAction: Sendable, Equatable {
    public var device: String
    public var command: String
    public var argument: Double?

    public init(device: String, command: String, argument: Double? = nil) {
        self.device = device
        self.command = command
        self.argument = argument
    }
}
