import GatewayCore

/// Lets the router and the uplinks hold a command executor before the bus workers exist:
/// polling needs the router as its event sink, and the router needs polling to carry out
/// linkage commands. Set once, while the gateway is built, before any service starts.
final class CommandRelay: CommandExecutor {
    private let lock = ConditionLock()
    // Guarded by `lock`.
    private nonisolated(unsafe) var target: (any CommandExecutor)?

    func connect(to executor: any CommandExecutor) {
        lock.withLock { target = executor }
    }

    func execute(_ request: CommandRequest, completion: @escaping @Sendable (CommandResult) -> Void) {
        guard let target = lock.withLock({ target }) else {
            return completion(CommandResult(request: request, outcome: .failed("the gateway is still starting"), elapsed: .zero))
        }
        target.execute(request, completion: completion)
    }
}
