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
    private nonisolated(unsafe) var journalWatch = JournalProgressWatch()
    public let startedAt: Int64

    init(parts: @escaping @Sendable () -> GatewayParts, healthChecks: [HealthCheck], startedAt: Int64 = WallClock.nowMilliseconds()) {
        self.parts = parts
        self.extraChecks = healthChecks
        self.startedAt = startedAt
    }

    /// Every check the watchdog consults: the router's, the journal's (when there is one),
    /// then those added.
    public var healthChecks: [HealthCheck] {
        let recorder = parts().recorder
        let extra = lock.withLock { extraChecks }
        var checks = [HealthCheck(name: "router") { recorder.routerHealth() }]
        if parts().journal != nil {
            checks.append(HealthCheck(name: "journal") { [self] in journalHealth() })
        }
        return checks + extra
    }

    /// The journal is alive unless events wait for it and it has written nothing for 10 s.
    /// A full disk or a damaged file is not a hang (events then flow from memory, and a
    /// restart would not help), so only a healthy journal is watched.
    private func journalHealth(limit: Duration = .seconds(10)) -> HealthReport {
        let parts = parts()
        guard let stats = parts.journal, stats.health == .ok else {
            return HealthReport(name: "journal", alive: true, detail: parts.journal.map { "\($0.health.rawValue)" } ?? "")
        }
        let stuck = lock.withLock {
            journalWatch.observe(stamped: parts.lastStamped, written: stats.lastSeq, now: WallClock.monotonicNanoseconds())
        }
        if let stuck, stuck > limit.nanoseconds {
            return HealthReport(name: "journal", alive: false, detail: "nothing written for \(stuck / 1_000_000_000) s with events waiting")
        }
        return HealthReport(name: "journal", alive: true)
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
    public var summary: String { Self.summary(of: currentStatus()) }

    /// One line for systemd's STATUS. Right after a start or a reload some devices have not
    /// been polled yet; saying so keeps a technician from chasing them.
    static func summary(of status: GatewayStatus) -> String {
        var text = "\(status.onlineDeviceCount)/\(status.devices.count) devices online"
        let unpolled = status.unpolledDeviceCount
        if unpolled > 0 { text += " (\(unpolled) not polled yet)" }
        text += ", \(status.connectedUplinkCount)/\(status.uplinks.count) uplinks connected, \(status.alarms.count) alarms active"
        if !status.isHealthy { text += ", NOT ALIVE: " + status.health.filter { !$0.alive }.map(\.name).joined(separator: ", ") }
        return text
    }
}
