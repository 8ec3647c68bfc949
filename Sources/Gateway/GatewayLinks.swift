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
/// The journal keeps each uplink's pending bit by the uplink's place in the site, and each
/// uplink acknowledges by its place, so the running uplinks are kept only when each keeps
/// its place and its configuration: the new list is the old one, or the old one with
/// uplinks appended; the site id (in every payload and the last will) and the journal
/// settings stay too. Any other uplink change (one removed, renamed, moved or changed)
/// rebuilds all of them.
struct GatewayLinks: Sendable {
    let journal: Journal?
    let uplinks: [Uplink]
    let relay: ReloadRelay
    /// What they were built from, to tell whether a new site can keep them.
    let siteID: String
    let configs: [UplinkConfig]
    let journalConfig: JournalConfig
    let journalPath: String?

    /// How a reload can treat the running links.
    enum Carry: Equatable {
        /// The uplinks stay as they are.
        case unchanged
        /// The uplinks stay, and these join them at the end.
        case appended([UplinkConfig])
        /// Every uplink is stopped and the links are opened anew.
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

    private init(copying links: GatewayLinks, uplinks: [Uplink], configs: [UplinkConfig]) {
        journal = links.journal
        relay = links.relay
        siteID = links.siteID
        journalConfig = links.journalConfig
        journalPath = links.journalPath
        self.uplinks = uplinks
        self.configs = configs
    }

    /// How a gateway for `site` can run on these parts.
    func carry(to site: Site, journalPath: String?) -> Carry {
        guard site.id == siteID, site.journal == journalConfig, journalPath == self.journalPath,
              site.uplinks.count >= configs.count, Array(site.uplinks.prefix(configs.count)) == configs
        else { return .rebuild }
        let added = Array(site.uplinks.dropFirst(configs.count))
        return added.isEmpty ? .unchanged : .appended(added)
    }

    /// These links with `added` uplinks at the end, which receive events from the journal
    /// (which must be stopped: see `Journal.addUplinks`) like the others.
    func appending(_ added: [UplinkConfig], site: Site, logger: Logger) -> GatewayLinks {
        let newUplinks = added.enumerated().map { offset, config in
            var uplinkLogger = logger
            uplinkLogger[metadataKey: "uplink.name"] = "\(config.name)"
            return Uplink(
                config: config, siteID: site.id, logger: uplinkLogger,
                options: UplinkOptions(gatewayVersion: GatewayVersion.string), index: uplinks.count + offset, ledger: journal,
                routes: site.routes)
        }
        if let journal {
            journal.addUplinks(added.map(\.name), feeds: newUplinks)
            journal.observeHealth { health in
                for uplink in newUplinks { uplink.setJournalHealth(health) }
            }
        }
        return GatewayLinks(copying: self, uplinks: uplinks + newUplinks, configs: configs + added)
    }

    /// The services of `uplinks` alone (uplinks a reload appended), in a group of their own.
    static func services(of uplinks: some Sequence<Uplink>) -> [any Service] {
        uplinks.map { UplinkService(uplink: $0) as any Service }
    }

    /// Started in this order, stopped in the reverse: the journal outlives the uplinks, so
    /// their last acknowledgements are written too.
    var services: [any Service] {
        (journal.map { [JournalService(journal: $0) as any Service] } ?? [])
            + uplinks.map { UplinkService(uplink: $0) as any Service }
    }
}
