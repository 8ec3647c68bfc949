import GatewayCore
import SiteConfig
import Testing

@testable import EventRouter

@Suite struct RouterLaneTests {
    /// Holds the dispatcher on a first event, submits `events` behind it, then releases.
    func routeWhileHeld(_ events: [Event]) throws -> (router: EventRouter, handedOver: [Event]) {
        let sink = HoldingSink()
        let router = EventRouter(routes: [], uplinks: ["p"], sink: sink)
        let first = try DedicatedThread(name: "test-first") { router.submit(Fixtures.event("gate.open", .info, point: "first")) }
        sink.waitUntilHeld()
        for event in events { router.submit(event) }
        sink.release()
        first.join()
        return (router, sink.events)
    }

    @Test func anEmergencyBehindFiftyThousandStatusEventsLeavesFirst() throws {
        let status = (0..<50_000).map { Fixtures.event("gate.status", .info, device: "d\($0 % 100)", point: "\($0)") }
        let sink = HoldingSink()
        let router = EventRouter(routes: [], uplinks: ["p"], sink: sink)
        let first = try DedicatedThread(name: "test-first") { router.submit(Fixtures.event("gate.open", .info, point: "first")) }
        sink.waitUntilHeld()
        for event in status { router.submit(event) }
        #expect(router.waiting(lane: 3) == 50_000)
        router.submit(Fixtures.event(.emergency, .critical, device: "sos"))
        #expect(router.waiting(lane: 0) == 1)
        sink.release()
        first.join()
        let out = sink.events
        #expect(out.count == 50_002)
        #expect(out[1].kind == .emergency, "the emergency must be the next event after the one already in hand")
        #expect(out[1].seq == 2, "seq follows hand-over order, so the sink still sees seq order")
        #expect(out.map(\.seq) == Array(1...50_002))
    }

    @Test func moreUrgentLanesFirstAndOrderKeptWithinEachLaneAndDevice() throws {
        var submitted: [Event] = []
        for i in 0..<400 {
            let severity = Severity.allCases[i % 4]
            submitted.append(Fixtures.event("x.y", severity, device: "d\(i % 3)", point: "\(i)"))
        }
        let (_, out) = try routeWhileHeld(submitted)
        let after = Array(out.dropFirst())
        #expect(after.map(\.severity.priority) == after.map(\.severity.priority).sorted(), "lanes leave in priority order")
        for severity in Severity.allCases {
            for device in ["d0", "d1", "d2"] {
                let expected = submitted.filter { $0.severity == severity && $0.device == device }.map(\.point)
                #expect(after.filter { $0.severity == severity && $0.device == device }.map(\.point) == expected)
            }
        }
    }

    @Test func concurrentProducersLoseNothingAndSeqStaysGapFree() async {
        let sink = RecordingSink()
        let router = EventRouter(routes: [], uplinks: ["p"], sink: sink)
        await withTaskGroup(of: Void.self) { group in
            for t in 0..<8 {
                group.addTask {
                    for i in 0..<1000 {
                        router.submit(Fixtures.event("x.y", Severity.allCases[i % 4], device: "d\(t)", point: "\(i)"))
                    }
                }
            }
        }
        let out = sink.events
        #expect(out.map(\.seq) == Array(1...8000))
        #expect(Set(out.map(\.id)).count == 8000)
        for t in 0..<8 {
            for severity in Severity.allCases {
                let points = out.filter { $0.device == "d\(t)" && $0.severity == severity }.compactMap { Int($0.point) }
                #expect(points == points.sorted(), "a producer's events of one priority keep their order")
            }
        }
    }
}
