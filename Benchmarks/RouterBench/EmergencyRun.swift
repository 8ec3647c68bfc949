import EventRouter
import GatewayCore
import SiteConfig

/// An emergency submitted behind 50 000 waiting status events, in both places events can
/// wait: the router's own lanes (while its dispatcher is held up by a slow sink) and an
/// uplink's queue (while its broker is slow).
struct EmergencyRun {
    struct Result {
        /// Position of the emergency among events leaving the router (0 = first), and the
        /// time from its submit to its hand-over.
        var routerPosition: Int
        var routerNanoseconds: UInt64
        /// Same for the uplink queue: position among events the uplink takes, and submit to
        /// being taken.
        var uplinkPosition: Int
        var uplinkNanoseconds: UInt64
        var waiting: Int
    }

    let bench: BenchSite
    let waiting: Int

    func run() throws -> Result {
        let mix = bench.events
        let status = mix.filter { $0.severity == .info || $0.severity == .minor }
        var emergency = mix.first { $0.severity == .critical }!
        emergency.detail = "bench-emergency"

        // 1. Router lanes. The first event's hand-over blocks until released, so every
        //    later submit finds the gate taken and waits in a lane.
        let sink = HoldingSink()
        let router = EventRouter(
            routing: RoutingConfig(routes: bench.site.routes, schedules: bench.site.schedules), devices: bench.site.devices,
            uplinks: bench.site.uplinks.map(\.name), sink: sink, clock: BenchClock())
        let first = try DedicatedThread(name: "bench-first") { router.submit(status[0]) }
        sink.waitUntilHeld()
        for i in 0..<waiting { router.submit(status[i % status.count]) }
        precondition(router.waiting(lane: 3) + router.waiting(lane: 2) == waiting)
        let submitted = WallClock.monotonicNanoseconds()
        router.submit(emergency)
        sink.release()
        first.join()
        let order = sink.handedOver
        let routerPosition = order.firstIndex { $0.event.detail == "bench-emergency" }! - 1
        let routerNanoseconds = order.first { $0.event.detail == "bench-emergency" }!.at - submitted

        // 2. An uplink queue with 50 000 status events its broker has not taken yet.
        let uplink = QueueUplink()
        let direct = EventRouter(
            routing: RoutingConfig(), devices: bench.site.devices, uplinks: ["police"], sink: UplinkFanOut([uplink]), clock: BenchClock())
        for i in 0..<waiting { direct.submit(status[i % status.count]) }
        let queuedAt = WallClock.monotonicNanoseconds()
        direct.submit(emergency)
        let next = uplink.queue.popFirst()!
        let uplinkNanoseconds = WallClock.monotonicNanoseconds() - queuedAt
        var uplinkPosition = 0
        if next.element.detail != "bench-emergency" {
            uplinkPosition = 1
            while let taken = uplink.queue.popFirst(), taken.element.detail != "bench-emergency" { uplinkPosition += 1 }
        }
        return Result(
            routerPosition: routerPosition, routerNanoseconds: routerNanoseconds, uplinkPosition: uplinkPosition,
            uplinkNanoseconds: uplinkNanoseconds, waiting: waiting)
    }
}
