import GatewayCore
import SiteConfig
import Testing

@testable import EventRouter

@Suite struct FloodControlTests {
    func router(limit: Int = 3, window: Duration = .seconds(10)) -> (EventRouter, RecordingSink, ManualClock) {
        let sink = RecordingSink(), clock = ManualClock()
        let routing = RoutingConfig(flood: FloodPolicy(limit: limit, window: window))
        let devices = [Fixtures.device("d1"), Fixtures.device("d2")]
        return (EventRouter(routing: routing, devices: devices, uplinks: ["p"], sink: sink, clock: clock), sink, clock)
    }

    @Test func aBurstOverTheLimitCollapsesIntoOneSummaryWithItsCount() {
        let (router, sink, clock) = router()
        for i in 0..<10 { router.submit(Fixtures.event(.intrusion, .major, point: "\(i)")) }
        #expect(sink.events.map(\.point) == ["0", "1", "2"])
        router.tick()
        #expect(sink.events.count == 3, "no summary before the window ends")
        clock.advance(.seconds(10))
        router.tick()
        let summary = sink.events.last!
        #expect(sink.events.count == 4)
        #expect(summary.collapsed == 7 && summary.point == "9" && summary.kind == .intrusion)
        #expect(summary.seq == 4, "held-back events take no seq, so seq stays gap-free")
        let stats = router.stats()
        #expect(stats.floodCollapsed == 7 && stats.floodSummaries == 1)
        #expect(stats.events(ofKind: "alarm.intrusion") == 10)
    }

    @Test func theSummaryGoesOutBeforeTheNextWindowsFirstEvent() {
        let (router, sink, clock) = router(limit: 1)
        router.submit(Fixtures.event(.intrusion, point: "a"))
        router.submit(Fixtures.event(.intrusion, point: "b"))
        router.submit(Fixtures.event(.intrusion, point: "c"))
        clock.advance(.seconds(11))
        router.submit(Fixtures.event(.intrusion, point: "d"))
        #expect(sink.events.map(\.point) == ["a", "c", "d"])
        #expect(sink.events.map(\.collapsed) == [0, 2, 0])
    }

    @Test func atShutdownEveryHeldBackBurstIsSummarised() {
        let (router, sink, _) = router(limit: 1)
        for _ in 0..<4 { router.submit(Fixtures.event(.intrusion, device: "d1")) }
        for _ in 0..<3 { router.submit(Fixtures.event(.tamper, device: "d2")) }
        router.tick()
        #expect(sink.events.count == 2, "windows still open: nothing yet")
        router.flushHeldBack()
        #expect(sink.events.dropFirst(2).map(\.collapsed).sorted() == [2, 3])
        router.flushHeldBack()
        #expect(sink.events.count == 4)
    }

    @Test func emergenciesAreNeverCollapsed() {
        let (router, sink, _) = router(limit: 1)
        for _ in 0..<50 { router.submit(Fixtures.event(.emergency, .critical)) }
        #expect(sink.events.count == 50)
        #expect(router.stats().floodCollapsed == 0)
    }

    @Test func eachDeviceAndKindHasItsOwnLimit() {
        let (router, sink, _) = router(limit: 2)
        for device in ["d1", "d2"] {
            for kind: EventKind in [.intrusion, .tamper] {
                for _ in 0..<5 { router.submit(Fixtures.event(kind, device: device)) }
            }
        }
        #expect(sink.events.count == 8)
        #expect(router.stats().floodCollapsed == 12)
    }

    @Test func withoutFloodControlNothingIsHeldBack() {
        let sink = RecordingSink()
        let router = EventRouter(routes: [], uplinks: ["p"], sink: sink)
        for _ in 0..<100 { router.submit(Fixtures.event(.intrusion)) }
        #expect(sink.events.count == 100)
    }
}
