import GatewayCore
import Logging
import ServiceLifecycle
import SiteConfig
import StatusPage
import UnixSignals

/// The gateway as `campus-gateway run` and systemd run it: the gateway's services, the
/// status server, systemd notifications (READY once polling runs and the page listens;
/// STATUS; WATCHDOG while the router and journal are alive; STOPPING) and graceful
/// shutdown on SIGTERM or SIGINT.
public struct GatewayDaemon: Service {
    public let site: Site
    public let logger: Logger
    public let notifier: SystemdNotifier
    public let board: GatewayStatusBoard
    let metrics = StatusMetrics()
    let signals: [UnixSignal]
    let onStatusListening: @Sendable (Int) async -> Void

    /// `healthChecks` join the router's for the watchdog (the journal's goes here).
    /// `signals` stop it gracefully; inside another service group, that group's graceful
    /// shutdown does too.
    public init(
        site: Site, logger: Logger, notifier: SystemdNotifier, healthChecks: [HealthCheck] = [],
        signals: [UnixSignal] = [.sigterm, .sigint], onStatusListening: @escaping @Sendable (Int) async -> Void = { _ in }
    ) {
        self.signals = signals
        self.site = site
        self.logger = logger
        self.notifier = notifier
        self.board = GatewayStatusBoard(gateway: Gateway(site: site, logger: logger), healthChecks: healthChecks)
        self.onStatusListening = onStatusListening
    }

    public func run() async throws {
        let gateway = board.current
        let notifier = notifier
        let board = board
        let logger = logger
        let readiness = Readiness(parts: site.status.enabled ? 2 : 1) {
            logger.notice("ready")
            notifier.ready(status: board.summary)
        }
        var services = gateway.services(onPollingStarted: { readiness.partIsUp() })
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
            services.append(Watchdog(notifier: notifier, interval: interval / 2, checks: board.healthChecks, logger: logger))
        }
        services.append(SystemdLifecycle(notifier: notifier, board: board))
        let group = ServiceGroup(configuration: .init(
            services: services.map { ServiceGroupConfiguration.ServiceConfiguration(service: $0) },
            gracefulShutdownSignals: signals,
            logger: logger
        ))
        try await group.run()
    }
}
