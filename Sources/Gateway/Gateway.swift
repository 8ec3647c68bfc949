import EventRouter
import GatewayCore
import Journal
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
    /// Between polling and the router: the alarms active now, for the status page.
    public let recorder: StatusRecorder
    /// Where commands from platforms go: site-wide actions here, device commands to the
    /// bus workers.
    public let commands: any CommandExecutor
    /// When the site's `arming:` entries arm and disarm their zones.
    public let arming: ArmingTimetable

    /// The durable journal between router and uplinks; nil when the gateway runs without one
    /// (tests, the demo): events then live in memory only.
    public let journal: Journal?

    /// `journalPath`: the journal file; nil to use the site file's `journal.path`, and no
    /// journal at all when that is not set either. Commands from platforms and linkage
    /// rules are carried out by the bus workers.
    public init(site: Site, logger: Logger, journalPath: String? = nil) {
        self.site = site
        let names = site.uplinks.map(\.name)
        let journal = (journalPath ?? site.journal.path).map { path in
            Journal(
                path: path, siteID: site.id, uplinks: names,
                options: JournalOptions(
                    retention: .seconds(Int64(site.journal.retentionDays) * 86_400),
                    maxSizeBytes: Int64(site.journal.maxSizeMegabytes) << 20),
                logger: logger)
        }
        self.journal = journal
        let uplinks = site.uplinks.enumerated().map { index, config in
            var uplinkLogger = logger
            uplinkLogger[metadataKey: "uplink.name"] = "\(config.name)"
            return Uplink(
                config: config, siteID: site.id, logger: uplinkLogger,
                options: UplinkOptions(gatewayVersion: GatewayVersion.string), index: index, ledger: journal,
                routes: site.routes)
        }
        self.uplinks = uplinks
        let commands = CommandRelay()
        let router: EventRouter
        if let journal {
            // The journal continues the sequence, hands the uplinks what they still owe
            // (before any new event), and reports its own trouble as events and on status.
            router = EventRouter(
                routing: site.routing, devices: site.devices, uplinks: names, sink: journal, executor: commands,
                firstSeq: journal.firstSeq)
            journal.attach(feeds: uplinks)
            journal.observeHealth { health in
                for uplink in uplinks { uplink.setJournalHealth(health) }
            }
            journal.reportHealth(to: router)
        } else {
            router = EventRouter(
                routing: site.routing, devices: site.devices, uplinks: names,
                sink: UplinkFanOut(uplinks.map { $0 as any EventSink }), executor: commands)
        }
        self.router = router
        let lockdown = Lockdown(site: site)
        let platformCommands = SiteCommands(router: router, devices: commands)
        self.commands = platformCommands
        for uplink in uplinks {
            uplink.attachCommands(executor: platformCommands, securityEvents: router, lockdown: lockdown)
        }
        let recorder = StatusRecorder(forwardingTo: router)
        self.recorder = recorder
        let polling = PollingService(site: site, sink: recorder, logger: logger)
        commands.connect(to: polling)
        self.polling = polling
        // Zones start in the state their timetable wants, before the first poll can report
        // an intrusion in a zone that should be disarmed.
        let timetable = ArmingTimetable(rules: site.arming, schedules: site.schedules)
        for state in timetable.states(atMilliseconds: WallClock.nowMilliseconds()) {
            polling.setArmed(state.armed, zone: state.zone, origin: state.origin)
        }
        self.arming = timetable
    }

    /// The services to hand a `ServiceGroup`, in start order.
    public var services: [any Service] { servicesBesidePolling + [PollingRunner(polling: polling)] }

    /// Every service but polling, for a runner that starts and stops polling itself (the
    /// daemon's supervisor, which keeps polling across a reload).
    var servicesBesidePolling: [any Service] {
        // Started in this order, stopped in the reverse: the journal outlives the uplinks, and
        // the router ticker sends held-back flood summaries after polling stops.
        (journal.map { [JournalService(journal: $0) as any Service] } ?? [])
            + uplinks.map { UplinkService(uplink: $0) as any Service }
            + [RouterTicker(router: router), ArmingScheduler(timetable: arming, polling: polling)]
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
