import GatewayCore
import Journal
import Logging
import ServiceLifecycle
import SiteConfig
import Uplinks

/// The parts of a gateway a reload keeps when the site's uplinks stay as they were: the
/// journal (the queue: same file, same writer, `seq` goes on) and every uplink (its MQTT
/// connection and its queue). They reach the running router and command executor only
/// through `relay`, which a reload re-points.
///
/// The journal keeps each uplink's pending bit by the uplink's place in the site, so they
/// are kept only together, and only when the uplink list is identical: same names, same
/// order, same configuration, same site id (it is in every payload and the last will),
/// same journal settings. Any other uplink change rebuilds all of them.
struct GatewayLinks: Sendable {
    let journal: Journal?
    let uplinks: [Uplink]
    let relay: ReloadRelay
    /// What they were built from, to tell whether a new site can keep them.
    let siteID: String
    let configs: [UplinkConfig]
    let journalConfig: JournalConfig
    let journalPath: String?

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
        let uplinks = site.uplinks.enumerated().map { index, config in
            var uplinkLogger = logger
            uplinkLogger[metadataKey: "uplink.name"] = "\(config.name)"
            return Uplink(
                config: config, siteID: site.id, logger: uplinkLogger,
                options: UplinkOptions(gatewayVersion: GatewayVersion.string), index: index, ledger: journal,
                routes: site.routes)
        }
        self.uplinks = uplinks
        let relay = ReloadRelay()
        self.relay = relay
        if let journal {
            // The journal hands the uplinks what they still owe (before any new event) and
            // reports its own trouble as events and on the uplinks' status.
            journal.attach(feeds: uplinks)
            journal.observeHealth { health in
                for uplink in uplinks { uplink.setJournalHealth(health) }
            }
            journal.reportHealth(to: relay)
        }
    }

    /// Whether a gateway for `site` can run on these parts unchanged.
    func canCarry(to site: Site, journalPath: String?) -> Bool {
        site.id == siteID && site.uplinks == configs && site.journal == journalConfig && journalPath == self.journalPath
    }

    /// Started in this order, stopped in the reverse: the journal outlives the uplinks, so
    /// their last acknowledgements are written too.
    var services: [any Service] {
        (journal.map { [JournalService(journal: $0) as any Service] } ?? [])
            + uplinks.map { UplinkService(uplink: $0) as any Service }
    }
}
