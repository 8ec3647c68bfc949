import Polling
import ServiceLifecycle

/// Starts every bus worker and stops them on graceful shutdown.
struct PollingRunner: Service {
    let polling: PollingService

    func run() async throws {
        polling.start()
        try? await gracefulShutdown()
        await polling.stop()
    }
}
