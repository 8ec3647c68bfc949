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
/// Start order is the links (journal, uplinks), then the router's services, then polling,
/// so the first event already has somewhere to go; a graceful shutdown runs in reverse:
/// polling stops, then each uplink publishes its `offline` status and disconnects. A reload
/// may build the next gateway on this one's links (see `GatewaySupervisor`).
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

    /// The journal and the uplinks, which a reload may keep (see `GatewayLinks`).
    let links: GatewayLinks

    /// `journalPath`: the journal file; nil to use the site file's `journal.path`, and no
    /// journal at all when that is not set either. Commands from platforms and linkage
    /// rules are carried out by the bus workers.
    public init(site: Site, logger: Logger, journalPath: String? = nil) {
        self.init(site: site, logger: logger, links: GatewayLinks(site: site, logger: logger, journalPath: journalPath), firstSeq: nil)
    }

    /// A gateway on `links`, new or kept from the gateway a reload replaces. `firstSeq`: where
    /// the replaced gateway's router stopped (its last events may still be on their way to
    /// the journal); nil for the journal's own continuation.
    init(site: Site, logger: Logger, links: GatewayLinks, firstSeq: UInt64?) {
        self.site = site
        self.links = links
        let names = site.uplinks.map(\.name)
        let journal = links.journal
        self.journal = journal
        let uplinks = links.uplinks
        self.uplinks = uplinks
        let commands = CommandRelay()
        let router: EventRouter
        // The sequence goes on: from the journal's, or from where the replaced router stopped.
        let seq = max(firstSeq ?? 1, journal?.firstSeq ?? 1)
        if let journal {
            router = EventRouter(
                routing: site.routing, devices: site.devices, uplinks: names, sink: journal, executor: commands, firstSeq: seq)
        } else {
            router = EventRouter(
                routing: site.routing, devices: site.devices, uplinks: names,
                sink: UplinkFanOut(uplinks.map { $0 as any EventSink }), executor: commands, firstSeq: seq)
        }
        self.router = router
        if firstSeq != nil {
            for uplink in uplinks { uplink.updateRoutes(site.routes, fromSeq: seq) }
        }
        let lockdown = Lockdown(site: site)
        let platformCommands = SiteCommands(router: router, devices: commands)
        self.commands = platformCommands
        // The uplinks and the journal reach this router only through the relay, which a
        // reload re-points when it keeps them.
        for uplink in uplinks {
            uplink.attachCommands(executor: links.relay, securityEvents: links.relay, lockdown: lockdown)
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
        // Everything is wired: what the uplinks and the journal sent meanwhile comes now.
        links.relay.pass(to: router, executor: platformCommands)
    }

    /// The services to hand a `ServiceGroup`, in start order.
    public var services: [any Service] { links.services + routerServices + [PollingRunner(polling: polling)] }

    /// The services of this router alone, for a runner that starts and stops polling and
    /// the links itself (the daemon's supervisor, which keeps both across a reload). Started
    /// after the links and stopped before them: the router ticker sends held-back flood
    /// summaries after polling stops, while the uplinks still run.
    var routerServices: [any Service] {
        [RouterTicker(router: router), ArmingScheduler(timetable: arming, polling: polling)]
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
