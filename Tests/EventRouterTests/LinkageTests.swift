import GatewayCore
import SiteConfig
import Testing

@testable import EventRouter

@Suite struct LinkageTests {
    static let sirenRule = LinkageRule(
        name: "sos-siren", when: EventMatch(kinds: ["alarm.emergency"], states: [.active]),
        actions: [LinkageAction(device: "siren", command: "siren_on", argument: 60), LinkageAction(device: "gate", command: "close")],
        cooldown: .seconds(60))

    func router(_ rules: [LinkageRule] = [sirenRule], schedules: [ScheduleConfig] = [], clock: ManualClock = ManualClock())
        -> (EventRouter, RecordingSink, RecordingExecutor)
    {
        let sink = RecordingSink(), executor = RecordingExecutor()
        let devices = [Fixtures.device("sos"), Fixtures.device("siren", location: "门卫室"), Fixtures.device("gate")]
        let router = EventRouter(
            routing: RoutingConfig(schedules: schedules, linkage: rules), devices: devices, uplinks: ["police"], sink: sink,
            executor: executor, clock: clock)
        return (router, sink, executor)
    }

    @Test func aMatchingEventRunsEveryCommandAndEachResultIsAnEvent() {
        let (router, sink, executor) = router()
        router.submit(Fixtures.event(.emergency, .critical, device: "sos"))
        #expect(executor.requests.map(\.command) == ["siren_on", "close"])
        #expect(executor.requests.map(\.device) == ["siren", "gate"])
        #expect(executor.requests.first?.argument == 60)
        #expect(executor.requests.allSatisfy { $0.origin == "linkage:sos-siren" })
        let events = sink.events
        #expect(events.map(\.kind.rawValue) == ["alarm.emergency", "linkage.done", "linkage.done"])
        let result = events[1]
        #expect(result.device == "siren" && result.point == "siren_on" && result.location == "门卫室")
        #expect(result.detail.contains("sos-siren") && result.detail.contains("\(events[0].id)"))
        #expect(result.severity == .info)
        #expect(router.stats().linkageFired == 1 && router.stats().linkageCommands == 2)
    }

    @Test func aFailedCommandIsAMajorEventWithItsReason() {
        let (router, sink, executor) = router()
        executor.answer(.failed("read-back mismatch"))
        router.submit(Fixtures.event(.emergency, .critical, device: "sos"))
        let failed = sink.events.filter { $0.kind == "linkage.failed" }
        #expect(failed.count == 2)
        #expect(failed.allSatisfy { $0.severity == .major && $0.detail.hasSuffix(": read-back mismatch") })
    }

    @Test func theCoolDownHoldsTheRuleBackUntilItEnds() {
        let clock = ManualClock()
        let (router, _, executor) = router(clock: clock)
        router.submit(Fixtures.event(.emergency, .critical, device: "sos"))
        clock.advance(.seconds(30))
        router.submit(Fixtures.event(.emergency, .critical, device: "sos"))
        #expect(executor.requests.count == 2)
        #expect(router.stats().linkageCooledDown == 1)
        clock.advance(.seconds(30))
        router.submit(Fixtures.event(.emergency, .critical, device: "sos"))
        #expect(executor.requests.count == 4)
    }

    @Test func withoutACoolDownEveryMatchFires() {
        var rule = Self.sirenRule
        rule.cooldown = .zero
        let (router, _, executor) = router([rule])
        for _ in 0..<3 { router.submit(Fixtures.event(.emergency, .critical, device: "sos")) }
        #expect(executor.requests.count == 6)
    }

    @Test func clearedEventsAndOtherKindsDoNotTrigger() {
        let (router, _, executor) = router()
        router.submit(Fixtures.event(.emergency, .critical, device: "sos", state: .cleared))
        router.submit(Fixtures.event(.intrusion, .critical, device: "sos"))
        #expect(executor.requests.isEmpty)
    }

    @Test func resultsNeverTriggerLinkageAgain() {
        let everything = LinkageRule(name: "all", when: EventMatch(), actions: [LinkageAction(device: "siren", command: "beep")])
        let (router, sink, executor) = router([everything])
        router.submit(Fixtures.event("gate.open", .info, device: "gate"))
        #expect(executor.requests.count == 1)
        #expect(sink.events.count == 2)
    }

    @Test func linkageRunsWhenEveryUplinkIsDown() {
        // No uplink takes anything: the sink drops every event, as with all brokers gone.
        final class DroppingSink: DispatchSink {
            func dispatch(_ event: Event, to destinations: Destinations) {}
            func updateState(_ snapshot: DeviceSnapshot) {}
        }
        let executor = RecordingExecutor()
        let router = EventRouter(
            routing: RoutingConfig(linkage: [Self.sirenRule]), devices: [Fixtures.device("siren"), Fixtures.device("gate")],
            uplinks: [], sink: DroppingSink(), executor: executor)
        router.submit(Fixtures.event(.emergency, .critical, device: "sos"))
        #expect(executor.requests.count == 2)
    }

    @Test func aScheduledRuleFiresOnlyInsideItsWindow() {
        // Mon–Fri 07:30–17:30 Beijing; 2026-11-24 09:29Z is Tuesday 17:29.
        let school = ScheduleConfig(name: "school", timezone: "Asia/Shanghai", windows: [ScheduleWindow(weekdays: Set(1...5), start: 450, end: 1050)])
        var rule = Self.sirenRule
        rule.when.schedule = "school"
        rule.cooldown = .zero
        let clock = ManualClock(wall: ScheduleTests.ms("2026-11-24T09:29:00Z"))
        let (router, _, executor) = router([rule], schedules: [school], clock: clock)
        router.submit(Fixtures.event(.emergency, .critical, device: "sos"))
        clock.advance(.seconds(60))
        router.submit(Fixtures.event(.emergency, .critical, device: "sos"))
        #expect(executor.requests.count == 2)
    }
}
