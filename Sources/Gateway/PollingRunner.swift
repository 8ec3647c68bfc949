import Polling
import ServiceLifecycle

/// Starts every bus worker and stops them on graceful shutdown.
struct PollingRunner: Service {
    let polling: PollingService

    func run() async throws {
        do {
            try polling.start()
        } catch {
            await polling.stop()
            throw error
        }
        try? await gracefulShutdown()
        await polling.stop()
    }
}
