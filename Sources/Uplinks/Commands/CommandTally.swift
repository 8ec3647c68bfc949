import GatewayCore

/// Collects the device results of one platform command (several for `lockdown`) and reports
/// once, when the last one is in: `done` only when every step was done.
final class CommandTally: Sendable {
    private let lock = ConditionLock()
    // Guarded by `lock`.
    private nonisolated(unsafe) var remaining: Int
    private nonisolated(unsafe) var failures: [String] = []
    private nonisolated(unsafe) var longest: Duration = .zero
    private let report: @Sendable (_ failures: [String], _ elapsed: Duration) -> Void

    init(steps: Int, report: @escaping @Sendable (_ failures: [String], _ elapsed: Duration) -> Void) {
        remaining = steps
        self.report = report
    }

    func complete(_ result: CommandResult) {
        let finished = lock.withLock { () -> ([String], Duration)? in
            guard remaining > 0 else { return nil }
            remaining -= 1
            longest = max(longest, result.elapsed)
            if result.status != "done" { failures.append("\(result.request.device): \(result.status): \(result.reason)") }
            return remaining == 0 ? (failures, longest) : nil
        }
        if let (failures, elapsed) = finished { report(failures, elapsed) }
    }
}
