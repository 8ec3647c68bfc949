import GatewayCore
import StatusPage

/// The status source the page, the API, the watchdog's STATUS line and the reload path
/// share: the running gateway (replaced on reload), its health checks and the last reload.
public final class GatewayStatusBoard: StatusSource {
    private let lock = ConditionLock()
    // Guarded by `lock`.
    private nonisolated(unsafe) var gateway: Gateway
    private nonisolated(unsafe) var reload: ReloadReport?
    private nonisolated(unsafe) var extraChecks: [HealthCheck]
    public let startedAt: Int64

    public init(gateway: Gateway, healthChecks: [HealthCheck] = [], startedAt: Int64 = WallClock.nowMilliseconds()) {
        self.gateway = gateway
        self.extraChecks = healthChecks
        self.startedAt = startedAt
    }

    public var current: Gateway { lock.withLock { gateway } }

    /// Every check the watchdog consults: the router's, then those added (the journal's).
    public var healthChecks: [HealthCheck] {
        let recorder = current.recorder
        let extra = lock.withLock { extraChecks }
        return [HealthCheck(name: "router") { recorder.routerHealth() }] + extra
    }

    public func addHealthCheck(_ check: HealthCheck) {
        lock.withLock { extraChecks.append(check) }
    }

    func replace(_ gateway: Gateway) {
        lock.withLock { self.gateway = gateway }
    }

    func recordReload(_ report: ReloadReport) {
        lock.withLock { reload = report }
    }

    public func currentStatus() -> GatewayStatus {
        let checks = healthChecks
        let gateway = current
        let reload = lock.withLock { self.reload }
        return gateway.status(startedAt: startedAt, health: checks.map { $0.run() }, lastReload: reload)
    }

    /// One line for `systemctl status`.
    public var summary: String {
        let status = currentStatus()
        var text = "\(status.onlineDeviceCount)/\(status.devices.count) devices online, "
            + "\(status.connectedUplinkCount)/\(status.uplinks.count) uplinks connected, \(status.alarms.count) alarms active"
        if !status.isHealthy { text += ", NOT ALIVE: " + status.health.filter { !$0.alive }.map(\.name).joined(separator: ", ") }
        return text
    }
}
