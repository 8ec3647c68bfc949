import SiteConfig
import Testing
@testable import Uplinks

/// Routes across reloads that keep an uplink: each event keeps the routes of the router
/// that stamped it.
@Suite("Route history")
struct RouteHistoryTests {
    private let old = [RouteConfig(name: "all", uplinks: ["police"], topic: "old/{device}")]
    private let new = [RouteConfig(name: "all", uplinks: ["police"], topic: "new/{device}", qos: 0)]

    @Test func eventsBeforeTheReloadKeepTheirRoutes() {
        var history = RouteHistory(old)
        history.replace(with: new, fromSeq: 10, backlogEmpty: false)
        #expect(history.route(0, seq: 9)?.topic == "old/{device}")
        #expect(history.route(0, seq: 10)?.topic == "new/{device}")
        #expect(history.route(1, seq: 10) == nil)
    }

    @Test func anEmptyBacklogForgetsOlderRoutes() {
        var history = RouteHistory(old)
        history.replace(with: new, fromSeq: 10, backlogEmpty: true)
        // Nothing older can still be waiting: one generation, used for any seq.
        #expect(history.route(0, seq: 3)?.topic == "new/{device}")
    }
}
