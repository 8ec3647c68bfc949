import EventRouter
import GatewayCore
import Logging
import Polling
import ServiceLifecycle
import UnixSignals
import SiteConfig
import Uplinks

/// One running gateway for one site: bus workers → router → uplinks, built from a
/// validated `Site` and run as services in dependency order.
///
/// Start order is uplinks, then polling, so the first event already has somewhere to go;
/// a graceful shutdown runs in reverse: polling stops, then each uplink publishes its
/// `offline` status and disconnects.
public struct Gateway: Sendable {
    public let site: Site
    public let router: EventRouter
    public let uplinks: [Uplink]
    public let polling: PollingService

    public init(site: Site, logger: Logger) {
        self.site = site
        let uplinks = site.uplinks.map { config in
            var uplinkLogger = logger
            uplinkLogger[metadataKey: "uplink.name"] = "\(config.name)"
            return Uplink(config: config, siteID: site.id, logger: uplinkLogger, options: UplinkOptions(gatewayVersion: GatewayVersion.string))
        }
        self.uplinks = uplinks
        let router = EventRouter(
            routes: site.routes, uplinks: uplinks.map(\.name), sink: UplinkFanOut(uplinks.map { $0 as any EventSink }))
        self.router = router
        self.polling = PollingService(site: site, sink: router, logger: logger)
    }

    /// The services to hand a `ServiceGroup`, in start order.
    public var services: [any Service] {
        uplinks.map { UplinkService(uplink: $0) as any Service } + [PollingRunner(polling: polling)]
    }

    /// A service group that stops gracefully on the given signals.
    public func serviceGroup(logger: Logger, signals: [UnixSignal] = [.sigterm, .sigint]) -> ServiceGroup {
        ServiceGroup(configuration: .init(
            services: services.map { ServiceGroupConfiguration.ServiceConfiguration(service: $0) },
            gracefulShutdownSignals: signals,
            logger: logger
        ))
    }
}
