import Foundation
import GatewayTesting
import Testing

/// `campus-gateway run` as systemd runs it: a child process, stopped by signals.
@Suite(.timeLimit(.minutes(1)))
struct RunCommandTests {
    @Test(arguments: [SIGTERM, SIGINT])
    func stopSignalStopsCleanlyAndPublishesOffline(signal: Int32) async throws {
        let gateway = try await RunningGateway.start()
        defer { gateway.stop() }
        // A device that never answers is reported, and the daemon keeps running.
        let offline = try await gateway.subscriber.next("device.offline", matching: { $0.topic == "cli/v1/events/dead-sos" })
        #expect(try offline.json()["kind"] as? String == "device.offline")
        #expect(gateway.process.isRunning)

        gateway.process.signal(signal)
        #expect(gateway.process.waitForExit(timeout: .seconds(10)))
        let result = gateway.process.finish()
        #expect(result.status == 0, "stderr: \(result.stderr)")
        // Once ready, the daemon dropped its start-up code pages (StartupPages) and went on.
        let released = result.stderr.split(separator: "\n").first { $0.contains("released start-up code pages") }
        #expect(released != nil && released?.contains(" bytes=0") == false, "stderr: \(result.stderr)")
        let goodbye = try await gateway.nextStatus(containing: "\"offline\"", "offline status")
        #expect(try goodbye.json()["reason"] as? String == "shutdown")
    }

    @Test func killedProcessLeavesTheLastWill() async throws {
        let gateway = try await RunningGateway.start()
        defer { gateway.stop() }
        gateway.process.signal(SIGKILL)
        _ = gateway.process.finish()
        let will = try await gateway.nextStatus(containing: "\"offline\"", "last will")
        let json = try will.json()
        #expect(json["state"] as? String == "offline")
        #expect(json["reason"] == nil, "a will is not a clean shutdown")
    }
}
