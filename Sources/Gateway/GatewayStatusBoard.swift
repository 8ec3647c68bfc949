import GatewayCore
import StatusPage

/// The status source the page, the API, the watchdog's STATUS line and the reload path
/// share: the running parts (which a reload changes), the health checks and the last reload.
public final class GatewayStatusBoard: StatusSource {
    private let parts: @Sendable () -> GatewayParts
    private let lock = ConditionLock()
    // Guarded by `lock`.
    private nonisolated(unsafe) var reload: ReloadReport?
    private nonisolated(unsafe) var extraChecks: [HealthCheck]
    public let startedAt: Int64

    init(parts: @escaping @Sendable () -> GatewayParts, healthChecks: [HealthCheck], startedAt: Int64 = WallClock.nowMilliseconds()) {
        self.parts = parts
        self.extraChecks = healthChecks
        self.startedAt = startedAt
    }

    /// Every check the watchdog consults: the router's, then those added (the journal's).
    public var healthChecks: [HealthCheck] {
        let recorder = parts().recorder
        let extra = lock.withLock { extraChecks }
        return [HealthCheck(name: "router") { recorder.routerHealth() }] + extra
    }

    public func addHealthCheck(_ check: HealthCheck) {
        lock.withLock { extraChecks.append(check) }
    }

    var recorder: StatusRecorder { parts().recorder }

    func recordReload(_ report: ReloadReport) {
        lock.withLock { reload = report }
    }

    public func currentStatus() -> GatewayStatus {
        let checks = healthChecks
        let reload = lock.withLock { self.reload }
        return parts().status(startedAt: startedAt, health: checks.map { $0.run() }, lastReload: reload)
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
