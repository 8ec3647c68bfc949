import Foundation
import GatewayCore
import GatewayTesting
import Logging
import SiteConfig
import Testing
@testable import Uplinks

/// Commands over a real broker: accepted ones reach the executor, every kind of bad one is
/// refused with its reason and a security event, and the uplink keeps running throughout.
@Suite struct CommandTests {
    final class RecordingExecutor: CommandExecutor {
        private let lock = ConditionLock()
        private nonisolated(unsafe) var received: [CommandRequest] = []
        var requests: [CommandRequest] { lock.withLock { received } }

        func execute(_ request: CommandRequest, completion: @escaping @Sendable (CommandResult) -> Void) {
            lock.withLock { received.append(request) }
            let outcome: CommandResult.Outcome = request.device == "broken" ? .failed("no answer") : .done
            completion(CommandResult(request: request, outcome: outcome, elapsed: .milliseconds(3)))
        }
    }

    final class EventRecorder: EventSink {
        private let lock = ConditionLock()
        private nonisolated(unsafe) var received: [Event] = []
        var events: [Event] { lock.withLock { received } }
        func submit(_ event: Event) { lock.withLock { received.append(event) } }
        func updateState(_ snapshot: DeviceSnapshot) {}
    }

    @Test func commandsAreAuthorisedCarriedOutAndAnsweredOnce() async throws {
        let broker = try TestBroker()
        let results = try TestSubscriber(broker: broker, filter: "\(testPrefix)/commands/result")
        try await results.waitForConnection()
        var config = broker.uplinkConfig(topicPrefix: testPrefix)
        config.allowedCommands = ["siren", "lockdown"]
        config.commandKey = CommandAuthorityTests.key
        let uplink = Uplink(config: config, siteID: testSite, logger: Logger(label: "commands"), options: UplinkOptions())
        let executor = RecordingExecutor()
        let security = EventRecorder()
        uplink.attachCommands(
            executor: executor, securityEvents: security,
            lockdown: Lockdown(steps: [("gate-1", "close"), ("bollard-1", "raise"), ("broken", "close")]))
        let task = Task { try await uplink.run() }
        try await eventually("connected") { uplink.status.connected }
        let platform = try MQTTClient(options: MQTTClientOptions(host: broker.host, port: broker.port, clientID: "platform")) { _ in }
        try platform.start()
        try await eventually("the platform connected") { platform.isConnected }
        let now = WallClock.nowMilliseconds()
        @Sendable func send(_ payload: [UInt8]) throws {
            try platform.publish(topic: "\(testPrefix)/commands", payload: payload, qos: .atLeastOnce, retain: false)
        }
        func result(_ id: String) async throws -> [String: Any] {
            try await results.next("result of \(id)", matching: { (try? $0.json()["id"] as? String) == id }).json()
        }
        try await eventually("the uplink subscribed to commands") { broker.log.contains("\(testPrefix)/commands (QoS 1)") }
        let siren = PlatformCommand(id: "c-1", target: "sos-1", action: "siren", issued: now, expires: now + 30_000)
        try send(CommandAuthorityTests.payload(siren))
        let done = try await result("c-1")
        #expect(done["status"] as? String == "done")
        #expect(executor.requests.first == CommandRequest(id: "c-1", device: "sos-1", command: "siren", origin: "police"))

        let lockdown = PlatformCommand(id: "c-2", target: "site", action: "lockdown", issued: now, expires: now + 30_000)
        try send(CommandAuthorityTests.payload(lockdown))
        let locked = try await result("c-2")
        #expect(locked["status"] as? String == "failed")
        #expect((locked["reason"] as? String)?.contains("broken: failed: no answer") == true)
        #expect(executor.requests.filter { $0.id.hasPrefix("c-2/") }.map(\.command) == ["close", "raise", "close"])

        let bad: [(id: String, payload: [UInt8], reason: String)] = [
            ("c-3", CommandAuthorityTests.payload(PlatformCommand(id: "c-3", target: "sos-1", action: "siren", issued: now - 60_000, expires: now + 30_000)), "stale"),
            ("c-1", CommandAuthorityTests.payload(PlatformCommand(id: "c-1", target: "sos-1", action: "siren", issued: now, expires: now + 30_000)), "replayed"),
            ("c-4", CommandAuthorityTests.payload(PlatformCommand(id: "c-4", target: "gate-1", action: "open", issued: now, expires: now + 30_000)), "not allowed"),
            ("c-5", CommandAuthorityTests.payload(PlatformCommand(id: "c-5", target: "sos-1", action: "siren", issued: now, expires: now + 30_000), signedWith: nil), "unsigned"),
            ("c-6", Array(#"{"v":1,"id":"c-6","target":"x"}"#.utf8), "malformed"),
            ("", Array(repeating: UInt8(ascii: "x"), count: 5000), "oversized"),
        ]
        for (id, payload, reason) in bad {
            try send(payload)
            let refused = try await results.next("refusal \(reason)") { message in
                guard let json = try? message.json() else { return false }
                return json["status"] as? String == "refused" && (json["reason"] as? String)?.hasPrefix(reason) == true
            }
            #expect(try refused.json()["id"] as? String == id)
        }
        #expect(security.events.count == bad.count)
        #expect(security.events.allSatisfy { $0.kind == "security.command_refused" && $0.severity == .major })
        #expect(uplink.status.connected)
        // Exactly one result per command: the replayed c-1 got a refusal, not a second "done".
        #expect(results.messages.filter { (try? $0.json()["status"] as? String) == "done" }.count == 1)
        let problems = try MQTTAPIContract.repository().problems(in: results.messages, prefix: testPrefix)
        #expect(problems.isEmpty, "\(problems.prefix(5))")
        platform.shutdown()
        await uplink.shutdown()
        try await task.value
    }
}
