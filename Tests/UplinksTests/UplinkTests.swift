import GatewayCore
import GatewayTesting
import Logging
import Testing
@_spi(Testing) import Uplinks

@Suite("Uplink against a real mosquitto", .timeLimit(.minutes(1)))
struct UplinkTests {
    @Test func eventArrivesWithItsExactJSON() async throws {
        let broker = try TestBroker()
        let subscriber = try TestSubscriber(broker: broker, filter: "\(testPrefix)/events/+")
        try await subscriber.waitForConnection()
        let running = RunningUplink(broker: broker)
        try await running.waitUntilConnected()

        let event = makeEvent(seq: 7, severity: .critical, device: "sos-gate")
        running.uplink.submit(event)
        let message = try await subscriber.next(topic: eventTopic("sos-gate"))
        #expect(message.payload == event.jsonBytes())
        #expect(message.qos == .atLeastOnce)
        #expect(!message.retained)
        let json = try message.json()
        #expect(json["id"] as? String == "\(event.id)")
        #expect(json["severity"] as? String == "critical")

        try await eventually("the acknowledgement") { running.uplink.status.acknowledged == 1 }
        #expect(running.uplink.status.backlog == 0)
        #expect(running.uplink.status.lastAcknowledgement > 0)
        try await running.stop()
    }

    @Test func retainedStateIsPublishedOnlyWhenItChanges() async throws {
        let broker = try TestBroker()
        let topic = "\(testPrefix)/state/door-3"
        let subscriber = try TestSubscriber(broker: broker, filter: "\(testPrefix)/state/+")
        try await subscriber.waitForConnection()
        let running = RunningUplink(broker: broker)
        try await running.waitUntilConnected()

        let first = DeviceSnapshot(
            device: "door-3", profile: "gate-controller", location: "东门", online: true, lastPoll: 1_000,
            points: [(id: "open", value: .bool(false)), (id: "temp", value: .double(21.5))]
        )
        running.uplink.updateState(first)
        let published = try await subscriber.next(topic: topic)
        #expect(published.payload == first.jsonBytes(site: testSite))

        var polledAgain = first
        polledAgain.lastPoll = 2_000
        running.uplink.updateState(polledAgain)  // same state: must not be published
        var changed = first
        changed.lastPoll = 3_000
        changed.points[0].value = .bool(true)
        changed.activePoints = ["open"]
        running.uplink.updateState(changed)
        let next = try await subscriber.next(topic: topic)
        #expect(next.payload == changed.jsonBytes(site: testSite), "the unchanged snapshot was published in between")

        let late = try TestSubscriber(broker: broker, filter: "\(testPrefix)/state/+")
        let retained = try await late.next(topic: topic)
        #expect(retained.retained)
        #expect(retained.payload == changed.jsonBytes(site: testSite))
        try await running.stop()
    }

    @Test func birthIsRetainedOnStatus() async throws {
        let broker = try TestBroker()
        let running = RunningUplink(broker: broker)
        try await running.waitUntilConnected()

        let late = try TestSubscriber(broker: broker, filter: "\(testPrefix)/status")
        let birth = try await late.next(topic: "\(testPrefix)/status")
        #expect(birth.retained)
        #expect(birth.qos == .atLeastOnce)
        let json = try birth.json()
        #expect(json["v"] as? Int == 1)
        #expect(json["site"] as? String == testSite)
        #expect(json["state"] as? String == "online")
        #expect(json["version"] as? String == UplinkOptions().gatewayVersion)
        let ts = try #require(json["ts"] as? Int64)
        #expect(abs(ts - WallClock.nowMilliseconds()) < 60_000)
        try await running.stop()
    }

    @Test func birthReportsTheGatewayVersionItIsGiven() async throws {
        let broker = try TestBroker()
        let running = RunningUplink(broker: broker, options: UplinkOptions(gatewayVersion: "2.7.1-test"))
        try await running.waitUntilConnected()
        let late = try TestSubscriber(broker: broker, filter: "\(testPrefix)/status")
        let birth = try await late.next(topic: "\(testPrefix)/status")
        #expect(try birth.json()["version"] as? String == "2.7.1-test")
        try await running.stop()
    }

    @Test func lastWillAppearsWhenTheConnectionDiesAndBirthFollowsTheReconnect() async throws {
        let broker = try TestBroker()
        let status = "\(testPrefix)/status"
        let subscriber = try TestSubscriber(broker: broker, filter: status)
        try await subscriber.waitForConnection()
        let running = RunningUplink(broker: broker)
        try await running.waitUntilConnected()
        let birth = try await subscriber.next(topic: status)
        #expect(try birth.json()["state"] as? String == "online")

        running.uplink.severConnectionForTesting()
        let will = try await subscriber.next(topic: status)
        #expect(will.payload == StatusPayload.lastWill(site: testSite))
        #expect(try will.json()["state"] as? String == "offline")

        let rebirth = try await subscriber.next(topic: status, timeout: .seconds(15))
        #expect(try rebirth.json()["state"] as? String == "online")
        try await running.stop()
    }

    @Test func cleanShutdownPublishesOfflineWithReason() async throws {
        let broker = try TestBroker()
        let status = "\(testPrefix)/status"
        let subscriber = try TestSubscriber(broker: broker, filter: status)
        try await subscriber.waitForConnection()
        let running = RunningUplink(broker: broker)
        try await running.waitUntilConnected()
        _ = try await subscriber.next(topic: status)

        try await running.stop()
        #expect(!running.uplink.status.connected)
        let offline = try await subscriber.next(topic: status)
        let json = try offline.json()
        #expect(json["state"] as? String == "offline")
        #expect(json["reason"] as? String == "shutdown")
        #expect(json["ts"] as? Int64 != nil)

        let late = try TestSubscriber(broker: broker, filter: status)
        let retained = try await late.next(topic: status)
        #expect(retained.retained)
        #expect(try retained.json()["reason"] as? String == "shutdown")
        // No last will after a clean DISCONNECT: nothing else arrives on status.
        try await Task.sleep(for: .milliseconds(300))
        #expect(subscriber.messages(onTopic: status).count == 2)
    }

    @Test func heartbeatArrivesEveryPeriod() async throws {
        let broker = try TestBroker()
        let topic = "\(testPrefix)/heartbeat"
        let subscriber = try TestSubscriber(broker: broker, filter: "\(testPrefix)/#")
        try await subscriber.waitForConnection()
        let running = RunningUplink(broker: broker, heartbeat: .seconds(1))
        try await running.waitUntilConnected()
        let first = try await subscriber.next(topic: topic, timeout: .seconds(2))
        #expect(first.qos == .atMostOnce)
        #expect(!first.retained)

        let event = makeEvent(seq: 42, severity: .major)
        running.uplink.submit(event)
        _ = try await subscriber.next(topic: eventTopic())
        try await eventually("the acknowledgement") { running.uplink.status.acknowledged == 1 }
        let second = try await subscriber.next(topic: topic, timeout: .seconds(2))
        let gap = Double(second.receivedAt - first.receivedAt) / 1e9
        #expect(gap > 0.8 && gap < 2.0, "heartbeat gap \(gap) s for a 1 s period")
        let third = try await subscriber.next(topic: topic, timeout: .seconds(2))
        let json = try third.json()
        #expect(json["site"] as? String == testSite)
        #expect(json["seq"] as? Int == 42)
        #expect(json["backlog"] as? Int == 0)
        #expect(json["ts"] as? Int64 != nil)
        try await running.stop()
    }

    @Test func runReturnsWhenShutDownBeforeConnecting() async throws {
        let broker = try TestBroker(start: false)
        let running = RunningUplink(broker: broker)
        try await Task.sleep(for: .milliseconds(200))
        running.uplink.submit(makeEvent(seq: 1))
        #expect(!running.uplink.status.connected)
        #expect(running.uplink.status.backlog == 1)
        try await running.stop()
    }

    /// The uplink never runs its blocking publish loop on the caller's (cooperative pool)
    /// thread: without a thread of its own, `run()` fails.
    @Test func runThrowsWhenNoPublisherThreadCanStart() async throws {
        struct NoThreads: Error {}
        let broker = try TestBroker()
        let logs = LogRecorder()
        let uplink = Uplink(
            config: broker.uplinkConfig(topicPrefix: testPrefix), siteID: testSite,
            logger: Logger(label: "uplink-test") { _ in logs.handler() }
        )
        uplink.failThreadStartForTesting(with: NoThreads())
        await #expect(throws: NoThreads.self) { try await uplink.run() }
        try await Task.sleep(for: .milliseconds(300))
        #expect(!uplink.status.connected, "something connected after all")
        #expect(logs.all.contains { $0.level == .error && $0.message.contains("publisher thread") })
        await uplink.shutdown()  // returns at once
        try await uplink.run()  // stopped: returns at once
    }
}
