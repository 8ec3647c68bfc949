import GatewayCore

/// Counts what polling hands on, and does nothing else.
final class CountingSink: EventSink {
    private let lock = ConditionLock()
    // Guarded by `lock`.
    private nonisolated(unsafe) var count = 0
    func submit(_ event: Event) { lock.withLock { count += 1 } }
    func updateState(_ snapshot: DeviceSnapshot) {}
    var events: Int { lock.withLock { count } }
}
