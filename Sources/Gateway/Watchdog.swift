import Logging
import ServiceLifecycle
import StatusPage

/// Pings systemd's watchdog (`WATCHDOG=1`) at half of `WatchdogSec`, but only while every
/// health check passes. A part that hangs (a router hand-over that never returns, later a
/// journal that stopped writing) stops the pings, and systemd kills and restarts the
/// gateway; the retained last will tells the platforms meanwhile.
struct Watchdog: Service {
    let notifier: SystemdNotifier
    let interval: Duration
    let board: GatewayStatusBoard
    let logger: Logger

    func run() async throws {
        var failing: Set<String> = []
        while !Task.isShuttingDownGracefully && !Task.isCancelled {
            // Asked each time: a check added after start (the journal's) counts at once.
            let reports = board.healthChecks.map { $0.run() }
            let sick = reports.filter { !$0.alive }
            for report in sick where !failing.contains(report.name) {
                logger.critical("part not alive; watchdog pings stopped", metadata: ["part": "\(report.name)", "reason": "\(report.detail)"])
            }
            for name in failing where !sick.contains(where: { $0.name == name }) {
                logger.notice("part alive again; watchdog pings resumed", metadata: ["part": "\(name)"])
            }
            failing = Set(sick.map(\.name))
            if sick.isEmpty {
                notifier.watchdog()
            } else {
                notifier.status("not alive: " + sick.map { "\($0.name) (\($0.detail))" }.joined(separator: ", "))
            }
            try? await cancelWhenGracefulShutdown { try await Task.sleep(for: interval) }
        }
    }
}
