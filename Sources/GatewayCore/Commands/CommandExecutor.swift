/// Carries out device commands: the bus workers in a running gateway. Linkage rules,
/// platform commands and the technician CLI all come through here.
public protocol CommandExecutor: AnyObject, Sendable {
    /// Queues `request` on its device's line and calls `completion` exactly once, from the
    /// line's own thread, when it ends. Must not block the caller.
    func execute(_ request: CommandRequest, completion: @escaping @Sendable (CommandResult) -> Void)
}
