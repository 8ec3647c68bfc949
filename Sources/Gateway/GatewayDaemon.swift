import GatewayCore
import Logging
import ServiceLifecycle
import SiteConfig
import StatusPage
import UnixSignals

/// The gateway as `campus-gateway run` and systemd run it: the gateway itself (under a
/// `GatewaySupervisor`, which a reload lets swap it), the status server, systemd
/// notifications (READY once polling runs and the page listens; STATUS; WATCHDOG while the
/// router and journal are alive; RELOADING; STOPPING), reload on SIGHUP and graceful
/// shutdown on SIGTERM or SIGINT.
public struct GatewayDaemon: Service {
    public let site: Site
    public let logger: Logger
    public let notifier: SystemdNotifier
    public let board: GatewayStatusBoard
    let supervisor: GatewaySupervisor
    let readiness: Readiness
    let reloader: SiteReloader
    let metrics = StatusMetrics()
    let signals: [UnixSignal]
    let onStatusListening: @Sendable (Int) async -> Void
    let onReady: @Sendable () -> Void

    /// `journalPath`: as for `Gateway` (nil: the site file's, else none). `healthChecks` join
    /// the router's for the watchdog. `signals` stop it gracefully; inside another service
    /// group, that group's graceful shutdown does too. `onReady` runs once, after systemd
    /// has heard READY.
    public init(
        site: Site, logger: Logger, notifier: SystemdNotifier, journalPath: String? = nil, healthChecks: [HealthCheck] = [],
        signals: [UnixSignal] = [.sigterm, .sigint], onStatusListening: @escaping @Sendable (Int) async -> Void = { _ in },
        onReady: @escaping @Sendable () -> Void = {}
    ) {
        self.site = site
        self.logger = logger
        self.notifier = notifier
        self.signals = signals
        self.onStatusListening = onStatusListening
        self.onReady = onReady
        let readiness = Readiness(parts: site.status.enabled ? 2 : 1)
        self.readiness = readiness
        let supervisor = GatewaySupervisor(
            site: site, logger: logger, journalPath: journalPath, onPollingStarted: { readiness.partIsUp() })
        self.supervisor = supervisor
        let board = GatewayStatusBoard(parts: { supervisor.gateway.parts }, healthChecks: healthChecks)
        self.board = board
        self.reloader = SiteReloader(site: site, board: board, notifier: notifier, logger: logger) { site, _ in
            try await supervisor.replace(with: site)
        }
    }

    /// What SIGHUP does: read the site file again, apply it if valid, refuse it if not.
    public func reload() async {
        await reloader.reload()
    }

    public func run() async throws {
        let notifier = notifier
        let board = board
        let logger = logger
        let readiness = readiness
        let onReady = onReady
        readiness.whenReady {
            logger.notice("ready")
            notifier.ready(status: board.summary)
            onReady()
        }
        var services: [any Service] = [supervisor]
        if site.status.enabled {
            let onStatusListening = onStatusListening
            let server = StatusServer(
                host: site.status.host, port: site.status.port, source: board, metrics: metrics, logger: logger,
                onListening: { port in
                    readiness.partIsUp()
                    await onStatusListening(port)
                }
            )
            services.append(StatusPageService(server: server, logger: logger, gaveUp: { readiness.partIsUp() }))
        }
        if let interval = notifier.watchdogInterval {
            services.append(Watchdog(notifier: notifier, interval: interval / 2, board: board, logger: logger))
        }
        services.append(reloader)
        services.append(SystemdLifecycle(notifier: notifier, board: board))
        let group = ServiceGroup(configuration: .init(
            services: services.map { ServiceGroupConfiguration.ServiceConfiguration(service: $0) },
            gracefulShutdownSignals: signals,
            logger: logger
        ))
        try await group.run()
    }
}
