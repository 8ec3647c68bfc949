/// Whatever can say how the gateway is right now. The status server asks on every request,
/// so an answer must be cheap: a copy of counters and the latest device states.
public protocol StatusSource: Sendable {
    func currentStatus() -> GatewayStatus
}
