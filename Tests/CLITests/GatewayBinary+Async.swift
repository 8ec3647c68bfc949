import Foundation
import GatewayTesting

extension GatewayBinary {
    /// `run`, waiting by polling with `Task.sleep`: a test that blocks one of Swift's two
    /// pool threads for seconds stalls every other test meanwhile.
    static func runPolling(_ arguments: [String], timeout: Duration = .seconds(30)) async throws -> Result {
        let running = try start(arguments)
        let deadline = ContinuousClock.now + timeout
        while running.isRunning, ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(10))
        }
        if running.isRunning { running.signal(SIGKILL) }
        return running.finish()
    }
}
