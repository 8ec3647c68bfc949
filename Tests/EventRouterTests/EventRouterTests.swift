import GatewayCore
import SiteConfig
import Testing

@testable import EventRouter

/// Collects what it is given, for routing assertions.
final class CollectingSink: EventSink {
    let lock = ConditionLock()
    nonisolated(unsafe) var events: [Event] = []
    nonisolated(unsafe) var states: [DeviceSnapshot] = []
    func submit(_ event: Event) { lock.withLock { events.append(event) } }
    func updateState(_ snapshot: DeviceSnapshot) { lock.withLock { states.append(snapshot) } }
    var received: [Event] { lock.withLock { events } }
}

/// A router over collecting sinks, one per named uplink.
func router(routes: [RouteConfig], _ sinks: [(String, CollectingSink)], firstSeq: UInt64 = 1) -> EventRouter {
    EventRouter(routes: routes, uplinks: sinks.map(\.0), sink: UplinkFanOut(sinks.map(\.1)), firstSeq: firstSeq)
}

@Suite struct EventRouterTests {
    func event(_ kind: EventKind, _ severity: Severity, device: String = "d1") -> Event {
        Event(site: "s", device: device, kind: kind, state: .active, severity: severity, timestamp: 1)
    }

    @Test func withoutRoutesEverythingGoesEverywhere() {
        let a = CollectingSink(), b = CollectingSink()
        let router = router(routes: [], [("police", a), ("edu", b)])
        router.submit(event(.emergency, .critical))
        #expect(a.received.count == 1 && b.received.count == 1)
    }

    @Test(arguments: [
        // (kind, severity, device, expected destinations)
        ("alarm.emergency", Severity.critical, "d1", ["police", "edu"]),
        ("alarm.intrusion", .major, "d1", ["police", "edu"]),
        ("device.offline", .major, "d1", ["police", "edu"]),
        ("device.fault", .minor, "d1", ["police", "edu"]),
        ("gate.open", .info, "d1", ["police"]),
        ("power.battery_low", .minor, "d1", ["police"]),
        ("alarm.tamper", .major, "d2", ["police", "fire"]),
        ("alarm.tamper", .info, "d2", ["police"]),
    ])
    func routeTable(kind: String, severity: Severity, device: String, expected: [String]) {
        let routes = [
            RouteConfig(name: "all-to-police", uplinks: ["police"]),
            RouteConfig(name: "alarms-to-edu", kinds: ["alarm.*", "device.*"], minSeverity: .minor, devices: ["d1"], uplinks: ["edu"]),
            RouteConfig(name: "d2-tamper-to-fire", kinds: ["alarm.tamper"], minSeverity: .major, devices: ["d2"], uplinks: ["fire"]),
        ]
        let table = RouteTable(routes: routes, destinations: ["police", "edu", "fire"])
        var got: [String] = []
        table.destinations(for: event(EventKind(kind), severity, device: device)).forEach { got.append(table.destinationNames[$0]) }
        #expect(got == expected)
    }

    @Test func prefixWildcardDoesNotMatchAWordPrefix() {
        let table = RouteTable(routes: [RouteConfig(name: "r", kinds: ["alarm.*"], uplinks: ["p"])], destinations: ["p"])
        #expect(table.destinations(for: event("alarmist.x", .critical)).isEmpty)
        let hit = table.destinations(for: event("alarm.x", .critical))
        #expect(hit.count == 1 && hit.contains(uplink: 0) && hit.route(forUplink: 0) == 0)
    }

    @Test func unroutedEventsAreCountedAndKeepSeqGapFree() {
        let police = CollectingSink()
        let router = router(routes: [RouteConfig(name: "r", kinds: ["alarm.*"], uplinks: ["police"])], [("police", police)], firstSeq: 10)
        router.submit(event(.emergency, .critical))
        router.submit(event("gate.open", .info))
        router.submit(event(.intrusion, .major))
        #expect(police.received.map(\.seq) == [10, 12])
        #expect(router.unroutedCount == 1)
        #expect(router.upcomingSeq == 13)
    }

    @Test func stampsUniqueIDsAndGapFreeSeqAcrossThreads() async {
        let sink = CollectingSink()
        let router = router(routes: [], [("p", sink)])
        await withTaskGroup(of: Void.self) { group in
            for t in 0..<4 {
                group.addTask {
                    for _ in 0..<500 { router.submit(self.event(.intrusion, .major, device: "d\(t)")) }
                }
            }
        }
        let events = sink.received
        #expect(events.map(\.seq) == Array(1...2000))
        #expect(Set(events.map(\.id)).count == 2000)
    }

    @Test func statesGoToEveryDestination() {
        let a = CollectingSink(), b = CollectingSink()
        let router = router(routes: [RouteConfig(name: "r", uplinks: ["a"])], [("a", a), ("b", b)])
        router.updateState(DeviceSnapshot(device: "d", profile: "p", location: "", online: true, lastPoll: 0, points: []))
        #expect(a.lock.withLock { a.states.count } == 1 && b.lock.withLock { b.states.count } == 1)
    }
}

@Suite struct LaneQueueTests {
    @Test func mostUrgentLaneFirstAndFIFOWithin() {
        let q = LaneQueue<Int>()
        for i in 0..<1000 { q.push(i, lane: 3) }
        q.push(-2, lane: 1)
        q.push(-1, lane: 0)
        q.push(-3, lane: 1)
        #expect(q.popFirst()?.element == -1)
        #expect(q.popFirst()?.element == -2)
        #expect(q.popFirst()?.element == -3)
        #expect(q.popFirst()?.element == 0)
        #expect(q.count == 999)
    }

    @Test func pushFrontKeepsOriginalOrderAheadOfNewer() {
        let q = LaneQueue<Int>()
        q.push(3, lane: 2)
        q.pushFront([(1, 2), (2, 2)])
        #expect([q.popFirst()?.element, q.popFirst()?.element, q.popFirst()?.element] == [1, 2, 3])
        #expect(q.popFirst() == nil)
    }

    @Test func waitForWorkReturnsOnPush() async throws {
        let q = LaneQueue<Int>()
        let woke = LaneQueue<UInt64>()
        let start = WallClock.monotonicNanoseconds()
        // The consumer blocks, so it waits on a thread of its own, never on the task pool.
        let consumer = try DedicatedThread(name: "test-consumer") {
            q.waitForWork(untilMonotonic: start + 10_000_000_000)
            woke.push(WallClock.monotonicNanoseconds(), lane: 0)
        }
        try await Task.sleep(for: .milliseconds(20))
        #expect(woke.count == 0, "returned before anything was pushed")
        q.push(1, lane: 0)
        consumer.join()
        let wokeAt = try #require(woke.popFirst()?.element)
        #expect(wokeAt - start < 9_000_000_000, "slept until the deadline instead of waking on push")
        #expect(q.count == 1)
    }
}
