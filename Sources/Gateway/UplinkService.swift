import ServiceLifecycle
import Uplinks

/// Runs one uplink until graceful shutdown, then lets it say goodbye (retained `offline`).
struct UplinkService: Service {
    let uplink: Uplink

    func run() async throws {
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await uplink.run() }
            // Returns on graceful shutdown; throws on cancellation, which ends us just the same.
            try? await gracefulShutdown()
            await uplink.shutdown()
            try await group.waitForAll()
        }
    }
}
