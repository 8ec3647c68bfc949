import Logging
import ServiceLifecycle
import StatusPage

/// Runs the status server without letting it take the gateway down: a port already taken
/// is logged, and alarms keep flowing without the page.
struct StatusPageService: Service {
    let server: StatusServer
    let logger: Logger
    let gaveUp: @Sendable () -> Void

    func run() async throws {
        do {
            try await server.run()
        } catch {
            logger.error("status page cannot listen; running without it", metadata: [
                "http.address": "\(server.host):\(server.port)", "error": "\(error)",
            ])
            gaveUp()
            try? await gracefulShutdown()
        }
    }
}
