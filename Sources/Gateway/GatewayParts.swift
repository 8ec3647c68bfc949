import EventRouter
import Polling
import SiteConfig
import Uplinks

/// The running parts of a gateway at one moment, as the status snapshot reads them.
struct GatewayParts {
    var site: Site
    /// In the site's uplink order.
    var uplinks: [Uplink]
    var router: EventRouter
    var recorder: StatusRecorder
    var workers: [BusWorker]
}
