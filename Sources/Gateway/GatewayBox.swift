import GatewayCore

/// The gateway running now; a reload swaps it.
final class GatewayBox: Sendable {
    private let lock = ConditionLock()
    // Guarded by `lock`.
    private nonisolated(unsafe) var gateway: Gateway

    init(_ gateway: Gateway) {
        self.gateway = gateway
    }

    var value: Gateway {
        get { lock.withLock { gateway } }
        set { lock.withLock { gateway = newValue } }
    }
}
