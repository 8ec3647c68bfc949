import EventRouter
import Journal
import Polling
import SiteConfig
import Uplinks

/// The running parts of a gateway at one moment, as the status snapshot reads them.
struct GatewayParts {
    var site: Site
    var uplinks: [UplinkStatus]
    var polling: PollingStats
    var router: RouterStats
    var journal: JournalStats?
    var recorder: StatusRecorder
}

extension Gateway {
    /// Each part's stats, taken one after the other (each under its own lock, briefly).
    var parts: GatewayParts {
        GatewayParts(
            site: site, uplinks: statistics.uplinks, polling: polling.stats(), router: router.stats(), journal: journal?.stats,
            recorder: recorder
        )
    }
}
