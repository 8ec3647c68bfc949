import EventRouter
import ServiceLifecycle

/// Gives the router its clock tick, once a second until graceful shutdown: flood summaries
/// of bursts that have gone quiet go out, and schedule changes (drill windows, scheduled
/// routes) apply even when no event passes. At shutdown (polling has stopped by then, the
/// uplinks not yet) it sends the summaries still held back. `tick()` never blocks for long,
/// so it runs on the task pool.
struct RouterTicker: Service {
    let router: EventRouter

    func run() async throws {
        await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                router.tick()
                try? await Task.sleep(for: .seconds(1))
            }
        }
        router.flushHeldBack()
    }
}
