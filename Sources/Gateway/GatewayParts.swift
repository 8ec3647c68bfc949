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
    /// The last `seq` the router gave (0 before the first event).
    var lastStamped: UInt64
    var journal: JournalStats?
    var recorder: StatusRecorder
}

extension Gateway {
    /// Each part's stats, taken one after the other (each under its own lock, briefly).
    var parts: GatewayParts {
        GatewayParts(
            site: site, uplinks: statistics.uplinks, polling: polling.stats(), router: router.stats(),
            lastStamped: router.upcomingSeq - 1, journal: journal?.stats, recorder: recorder
        )
    }
}
