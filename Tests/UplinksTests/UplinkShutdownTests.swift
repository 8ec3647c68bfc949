import GatewayCore
import Journal
import GatewayTesting
import Logging
import Testing
@_spi(Testing) import Uplinks

/// A shutdown delivers what is queued before it says goodbye, within a bound.
@Suite("Uplink shutdown", .timeLimit(.minutes(1)))
struct UplinkShutdownTests {
    /// Every event queued when the shutdown starts reaches the platform, once, and the
    /// retained `offline` status follows the last of them.
    @Test func shutdownDeliversTheWholeQueueBeforeGoingOffline() async throws {
        let broker = try TestBroker()
        let subscriber = try TestSubscriber(broker: broker, filter: "\(testPrefix)/#")
        try await subscriber.waitForConnection()
        // A generous drain: this test is about delivering everything, not about the bound.
        let running = RunningUplink(broker: broker, options: UplinkOptions(drainTimeout: .seconds(30)))
        try await running.waitUntilConnected()

        let events = (1...3000).map { makeEvent(seq: UInt64($0), severity: .minor, device: "door-\($0 % 10)") }
        for event in events { running.uplink.submit(event) }
        try await running.stop()
        #expect(running.uplink.status.backlog == 0)

        let status = "\(testPrefix)/status"
        let offline = try await subscriber.next("the offline status", timeout: .seconds(20)) { message in
            message.topic == status && message.string.contains(#""reason":"shutdown""#)
        }
        let all = subscriber.messages
        let offlineIndex = try #require(all.firstIndex(of: offline))
        let eventIndices = all.indices.filter { all[$0].isEvent }
        #expect(eventIndices.allSatisfy { $0 < offlineIndex }, "an event arrived after the offline status")
        let ids = try eventIndices.map { try #require(try all[$0].json()["id"] as? String) }
        #expect(ids.count == 3000, "events received: \(ids.count)")
        #expect(Set(ids) == Set(events.map { "\($0.id)" }), "every event exactly once")
    }

    /// With the broker gone nothing can be delivered: the shutdown gives up after the drain
    /// timeout and says at ERROR what was lost.
    @Test func shutdownWithTheBrokerDownEndsAfterTheDrainTimeoutAndLogsTheLoss() async throws {
        let broker = try TestBroker()
        let logs = LogRecorder()
        let drain = Duration.seconds(2)
        let running = RunningUplink(broker: broker, options: UplinkOptions(drainTimeout: drain), logs: logs)
        try await running.waitUntilConnected()
        broker.stop()
        try await eventually("the uplink to notice the outage") { !running.uplink.status.connected }
        for seq in 101...150 { running.uplink.submit(makeEvent(seq: UInt64(seq), severity: seq == 120 ? .critical : .minor)) }

        let started = ContinuousClock.now
        try await running.stop()
        let took = ContinuousClock.now - started
        #expect(took >= drain - .milliseconds(50), "gave up before the drain timeout: \(took)")
        #expect(took < drain + .seconds(1), "shutdown took \(took)")

        let loss = try #require(logs.all.first { $0.message.contains("not delivered") }, "\(logs.all.map(\.message))")
        #expect(loss.level == .error)
        #expect(loss.metadata["uplink.undelivered"] == "50")
        #expect(loss.metadata["event.seq_lowest"] == "101")
        #expect(loss.metadata["event.seq_highest"] == "150")
        #expect(running.uplink.status.backlog == 50, "the queue is reported, not thrown away")
    }

    /// Nothing queued: a shutdown with the broker down does not wait for the drain timeout.
    @Test func shutdownWithNothingQueuedIsImmediate() async throws {
        let broker = try TestBroker(start: false)
        let logs = LogRecorder()
        let running = RunningUplink(broker: broker, options: UplinkOptions(drainTimeout: .seconds(10)), logs: logs)
        try await Task.sleep(for: .milliseconds(100))
        let started = ContinuousClock.now
        try await running.stop()
        #expect(ContinuousClock.now - started < .seconds(2))
        #expect(!logs.all.contains { $0.level >= .error }, "\(logs.all.map(\.message))")
    }

    /// An emergency submitted during the drain is still delivered, ahead of the backlog.
    @Test func anEmergencyDuringTheDrainIsDeliveredFirst() async throws {
        let broker = try TestBroker()
        let subscriber = try TestSubscriber(broker: broker, filter: "\(testPrefix)/events/+")
        try await subscriber.waitForConnection()
        let running = RunningUplink(broker: broker, options: UplinkOptions(drainTimeout: .seconds(30)))
        try await running.waitUntilConnected()
        // Encoded up front, so the backlog is queued at once, as the journal hands it over.
        let backlog = (1...3000).map { JournalEntry(makeEvent(seq: UInt64($0), severity: .info)) }
        for entry in backlog { running.uplink.enqueue(entry, route: nil, replayed: false) }
        let stopping = Task { try await running.stop() }
        let emergency = makeEvent(seq: 3001, severity: .critical, device: "sos-1")
        running.uplink.submit(emergency)
        try await stopping.value
        _ = try await subscriber.waitForCount(3001, "events", timeout: .seconds(20)) { $0.isEvent }
        let position = try #require(subscriber.messages.firstIndex { (try? $0.json()["id"] as? String) == "\(emergency.id)" })
        // It waits at most for what was already in flight, never behind the whole backlog.
        #expect(position < 1500, "\(position) events arrived before the emergency")
    }
}
