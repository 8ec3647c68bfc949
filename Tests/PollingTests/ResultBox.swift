import GatewayCore

/// Command results collected from any thread.
final class ResultBox: Sendable {
    private let lock = ConditionLock()
    // Guarded by `lock`.
    private nonisolated(unsafe) var results: [CommandResult] = []
    func add(_ result: CommandResult) { lock.withLock { results.append(result) } }
    var all: [CommandResult] { lock.withLock { results } }
}
