import GatewayCore
import SiteConfig
import Testing

@testable import EventRouter

@Suite struct DrillModeTests {
    @Test func aDrillByCommandMarksEveryEventUntilItEnds() {
        let sink = RecordingSink(), clock = ManualClock()
        let router = EventRouter(routing: RoutingConfig(), devices: [], uplinks: ["p"], sink: sink, clock: clock)
        router.submit(Fixtures.event(.emergency, .critical))
        router.startDrill()
        #expect(router.isDrill)
        router.submit(Fixtures.event(.emergency, .critical))
        router.submit(Fixtures.event("device.offline", .major))
        router.endDrill()
        router.submit(Fixtures.event(.emergency, .critical))
        #expect(sink.events.map(\.drill) == [false, true, true, false])
        #expect(router.stats().drillMarked == 2)
    }

    @Test func aDrillWithAnEndTimeStopsByItself() {
        let sink = RecordingSink(), clock = ManualClock()
        let router = EventRouter(routing: RoutingConfig(), devices: [], uplinks: ["p"], sink: sink, clock: clock)
        router.startDrill(untilMilliseconds: clock.wallMilliseconds() + 60_000)
        router.submit(Fixtures.event(.emergency, .critical))
        clock.advance(.seconds(61))
        router.submit(Fixtures.event(.emergency, .critical))
        #expect(sink.events.map(\.drill) == [true, false])
    }

    @Test func aDrillScheduleMarksEventsInsideItsWindowOnly() {
        // 2026-11-24 is a Tuesday; the drill window is Tuesdays 10:00-10:30 Beijing time.
        let drill = ScheduleConfig(
            name: "monthly-drill", timezone: "Asia/Shanghai", windows: [ScheduleWindow(weekdays: [2], start: 600, end: 630)])
        let sink = RecordingSink()
        let clock = ManualClock(wall: ScheduleTests.ms("2026-11-24T01:59:00Z"))
        let router = EventRouter(
            routing: RoutingConfig(schedules: [drill], drillSchedule: "monthly-drill"), devices: [], uplinks: ["p"], sink: sink,
            clock: clock)
        router.submit(Fixtures.event(.emergency, .critical))
        clock.advance(.seconds(120))
        router.submit(Fixtures.event(.emergency, .critical))
        clock.advance(.seconds(29 * 60))
        router.submit(Fixtures.event(.emergency, .critical))
        #expect(sink.events.map(\.drill) == [false, true, false])
    }

    @Test func anEventAlreadyMarkedAsDrillStaysSo() {
        let sink = RecordingSink()
        let router = EventRouter(routes: [], uplinks: ["p"], sink: sink)
        var event = Fixtures.event(.emergency, .critical)
        event.drill = true
        router.submit(event)
        #expect(sink.events.first?.drill == true)
    }
}
