import Foundation
import GatewayTesting
import Testing

/// `campus-gateway run` under a `Type=notify` unit: the test plays systemd, with a
/// datagram socket in `NOTIFY_SOCKET` and a short `WATCHDOG_USEC`.
@Suite(.timeLimit(.minutes(1)))
struct SystemdNotifyTests {
    @Test func readyWatchdogAndStoppingReachSystemd() async throws {
        let socket = try NotifySocket()
        let gateway = try await RunningGateway.start(environment: [
            "NOTIFY_SOCKET": socket.path, "WATCHDOG_USEC": "200000", "JOURNAL_STREAM": "8:1234",
        ])
        defer { gateway.stop() }
        let ready = try #require(await socket.next(timeout: .seconds(10)) { $0.hasPrefix("READY=1") }, "READY=1")
        #expect(ready.match.contains("\nSTATUS=") && ready.match.contains("devices online"))
        // Pings at half of WatchdogSec while the router is alive: two in a row.
        #expect(await socket.next(timeout: .seconds(5)) { $0 == "WATCHDOG=1" } != nil)
        #expect(await socket.next(timeout: .seconds(5)) { $0 == "WATCHDOG=1" } != nil)

        gateway.process.signal(SIGTERM)
        let stopping = await socket.next(timeout: .seconds(10)) { $0.hasPrefix("STOPPING=1") }
        #expect(stopping != nil, "STOPPING=1")
        #expect(await gateway.process.exit(within: .seconds(10)))
        let result = gateway.process.finish()
        #expect(result.status == 0, "stderr: \(result.stderr)")
        // Under the journal (JOURNAL_STREAM), lines carry no timestamp of their own.
        let first = try #require(result.stderr.split(separator: "\n").first)
        #expect(first.hasPrefix("NOTICE starting"), "\(first)")
    }

    @Test func aTakenStatusPortIsLoggedAndTheGatewayRunsOn() async throws {
        let socket = try NotifySocket()
        let gateway = try await RunningGateway.start(environment: ["NOTIFY_SOCKET": socket.path], statusOnBrokerPort: true)
        defer { gateway.stop() }
        #expect(await socket.next(timeout: .seconds(10)) { $0.hasPrefix("READY=1") } != nil, "ready without its page")
        #expect(gateway.process.isRunning)
        #expect(gateway.process.stderrSoFar.contains("ERROR status page cannot listen; running without it"))
    }
}
