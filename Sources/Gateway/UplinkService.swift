import ServiceLifecycle
import Uplinks

/// Runs one uplink until graceful shutdown, then lets it drain and say goodbye (retained
/// `offline`).
///
/// An uplink that ends by itself before shutdown (its client could not be created, no
/// thread could be started) fails the service, so the whole gateway stops and systemd
/// restarts it: running on without the police uplink would lose every alarm.
struct UplinkService: Service {
    let uplink: Uplink

    struct StoppedEarly: Error, CustomStringConvertible {
        let name: String
        var description: String { "uplink '\(name)' stopped before shutdown" }
    }

    func run() async throws {
        try await withThrowingTaskGroup(of: Bool.self) { group in
            group.addTask {
                try await uplink.run()
                return true
            }
            group.addTask {
                // Returns on graceful shutdown, or throws on cancellation, which ends us too.
                try? await gracefulShutdown()
                return false
            }
            // Rethrows when `run()` failed; the other child is then cancelled.
            let uplinkEndedFirst = try await group.next() ?? true
            if uplinkEndedFirst {
                group.cancelAll()
                throw StoppedEarly(name: uplink.name)
            }
            await uplink.shutdown()
            try await group.waitForAll()
        }
    }
}
