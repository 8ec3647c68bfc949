import ServiceLifecycle

/// Keeps systemd's view current: a STATUS line when the summary changes, and STOPPING=1 as
/// soon as a graceful shutdown begins. Runs last, so it is the first to hear of shutdown.
struct SystemdLifecycle: Service {
    let notifier: SystemdNotifier
    let board: GatewayStatusBoard
    var interval: Duration = .seconds(5)

    func run() async throws {
        guard notifier.isEnabled else {
            try? await gracefulShutdown()
            return
        }
        await withGracefulShutdownHandler {
            var shown = ""
            while !Task.isShuttingDownGracefully && !Task.isCancelled {
                let summary = board.summary
                if summary != shown {
                    notifier.status(summary)
                    shown = summary
                }
                try? await cancelWhenGracefulShutdown { try await Task.sleep(for: interval) }
            }
        } onGracefulShutdown: {
            notifier.stopping()
        }
    }
}
