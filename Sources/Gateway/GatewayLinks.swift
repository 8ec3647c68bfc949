import GatewayCore
import Journal
import Logging
import ServiceLifecycle
import SiteConfig
import Uplinks

/// The parts of a gateway a reload keeps when it can: the journal (the queue: same file,
/// same writer, `seq` goes on) and every uplink whose name and configuration stay (its MQTT
/// connection and its queue). They reach the running router and command executor only
/// through `relay`, which a reload re-points.
///
/// The journal keeps each uplink's pending bit by name and takes acknowledgements by name,
/// so uplinks may come, go, change or move in the list while the others run on. A new site
/// id (in every payload and the last will) or new journal settings rebuild everything.
struct GatewayLinks: Sendable {
    let journal: Journal?
    let uplinks: [Uplink]
    let relay: ReloadRelay
    /// Who hears the journal's health: the uplinks of the latest reshape.
    private let healthAudience: JournalHealthAudience
    /// What they were built from, to tell whether a new site can keep them.
    let siteID: String
    let configs: [UplinkConfig]
    let journalConfig: JournalConfig
    let journalPath: String?

    /// How a reload can treat the running links.
    enum Carry: Equatable {
        /// The uplinks stay as they are.
        case unchanged
        /// The journal stays, and so does every uplink whose name and configuration stay
        /// (in its new place); the uplinks named in `stopping` are stopped, and `starting`
        /// connect anew (a reconfigured uplink is in both).
        case reshape(stopping: [String], starting: [UplinkConfig])
        /// Every uplink and the journal are stopped and the links are opened anew.
        case rebuild
    }

    /// `journalPath`: as for `Gateway`.
    init(site: Site, logger: Logger, journalPath: String?) {
        siteID = site.id
        configs = site.uplinks
        journalConfig = site.journal
        self.journalPath = journalPath
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
        let uplinks = site.uplinks.map { Self.uplink($0, site: site, journal: journal, logger: logger) }
        self.uplinks = uplinks
        let relay = ReloadRelay()
        self.relay = relay
        let healthAudience = JournalHealthAudience(uplinks)
        self.healthAudience = healthAudience
        if let journal {
            // The journal hands the uplinks what they still owe (before any new event) and
            // reports its own trouble as events and on the uplinks' status.
            journal.attach(feeds: uplinks)
            healthAudience.listen(to: journal)
            journal.reportHealth(to: relay)
        }
    }

    private init(copying links: GatewayLinks, uplinks: [Uplink], configs: [UplinkConfig]) {
        journal = links.journal
        relay = links.relay
        healthAudience = links.healthAudience
        siteID = links.siteID
        journalConfig = links.journalConfig
        journalPath = links.journalPath
        self.uplinks = uplinks
        self.configs = configs
    }

    private static func uplink(_ config: UplinkConfig, site: Site, journal: Journal?, logger: Logger) -> Uplink {
        var uplinkLogger = logger
        uplinkLogger[metadataKey: "uplink.name"] = "\(config.name)"
        return Uplink(
            config: config, siteID: site.id, logger: uplinkLogger,
            options: UplinkOptions(gatewayVersion: GatewayVersion.string), ledger: journal, routes: site.routes)
    }

    /// How a gateway for `site` can run on these parts.
    func carry(to site: Site, journalPath: String?) -> Carry {
        guard site.id == siteID, site.journal == journalConfig, journalPath == self.journalPath else { return .rebuild }
        if site.uplinks == configs { return .unchanged }
        let running = Dictionary(configs.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
        let kept = Set(site.uplinks.filter { running[$0.name] == $0 }.map(\.name))
        return .reshape(
            stopping: configs.map(\.name).filter { !kept.contains($0) },
            starting: site.uplinks.filter { !kept.contains($0.name) })
    }

    /// These links for `site`'s uplink list (see `Carry.reshape`): kept uplinks in their new
    /// places, new ones for the rest, each new one handed what its name still owes. The
    /// journal must be stopped (see `Journal.reshape`) and the uplinks that go already stopped.
    func reshaped(to site: Site, logger: Logger) -> GatewayLinks {
        let running = Dictionary(zip(configs, uplinks).map { ($0.0.name, ($0.0, $0.1)) }, uniquingKeysWith: { a, _ in a })
        var started: [Uplink] = []
        let next = site.uplinks.map { config -> Uplink in
            if let (before, uplink) = running[config.name], before == config { return uplink }
            let uplink = Self.uplink(config, site: site, journal: journal, logger: logger)
            started.append(uplink)
            return uplink
        }
        if let journal {
            journal.reshape(names: next.map(\.name), feeds: next, replaying: Set(started.map(\.name)))
            healthAudience.replace(with: next, current: journal.stats.health)
        }
        return GatewayLinks(copying: self, uplinks: next, configs: site.uplinks)
    }

    /// The journal's writer as a service of its own, so the supervisor can stop it last.
    var journalService: (any Service)? { journal.map { JournalService(journal: $0) } }

    /// Started in this order, stopped in the reverse: the journal outlives the uplinks, so
    /// their last acknowledgements are written too.
    var services: [any Service] {
        (journalService.map { [$0] } ?? []) + uplinks.map { UplinkService(uplink: $0) as any Service }
    }
}
