import Foundation
import GatewayCore
import GatewayTesting
import Testing
@_spi(Testing) import Uplinks

/// Nothing lost across broker outages, and emergencies first.
@Suite("Uplink delivery across outages", .timeLimit(.minutes(2)))
struct UplinkDeliveryTests {
    /// The subscriber keeps a persistent session on a broker with persistence, so it misses
    /// nothing even when the uplink reconnects before it does.
    @Test func allEventsArriveAfterTheBrokerRestarts() async throws {
        let broker = try TestBroker(persistence: true)
        let subscriber = try TestSubscriber(
            broker: broker, filter: "\(testPrefix)/events/+", clientID: "platform-restart", cleanSession: false
        )
        try await subscriber.waitForConnection()
        let running = RunningUplink(broker: broker)
        try await running.waitUntilConnected()

        let severities: [Severity] = [.info, .minor, .major, .critical]
        let events = (1...200).map { makeEvent(seq: UInt64($0), severity: severities[$0 % 4], device: "dev-\($0 % 5)") }
        // Half while connected (some will be in flight when the broker goes), half while down.
        for event in events[..<100] { running.uplink.submit(event) }
        broker.stop()
        try await eventually("the uplink to notice the outage") { !running.uplink.status.connected }
        for event in events[100...] { running.uplink.submit(event) }
        #expect(running.uplink.status.backlog > 0)
        try broker.start()

        let byID = Dictionary(uniqueKeysWithValues: events.map { ("\($0.id)", $0) })
        try await eventually("all 200 distinct events", timeout: .seconds(40)) {
            Set(try subscriber.messages.map { try $0.json()["id"] as? String }).count >= 200
        }
        var firstSeen: [String] = []
        var seen = Set<String>()
        for message in subscriber.messages {
            let id = try #require(try message.json()["id"] as? String)
            let event = try #require(byID[id], "an event nobody submitted: \(message)")
            // A duplicate is allowed only as the very same event; one sent late says so.
            let live = event.jsonBytes()
            let late = Array(live.dropLast()) + Array(#","replayed":true}"#.utf8)
            #expect(message.payload == live || message.payload == late)
            if seen.insert(id).inserted { firstSeen.append(id) }
        }
        #expect(seen.count == 200)
        for lane in 0..<4 {
            let seqs = firstSeen.compactMap { byID[$0] }.filter { $0.severity.lane == lane }.map(\.seq)
            #expect(seqs == seqs.sorted(), "lane \(lane) out of order: \(seqs)")
        }
        try await eventually("backlog to drain") { running.uplink.status.backlog == 0 }
        try await running.stop()
    }

    @Test func emergencyQueuedBehindThousandsOfStatusEventsIsPublishedFirst() async throws {
        let broker = try TestBroker(persistence: true)
        let subscriber = try TestSubscriber(
            broker: broker, filter: "\(testPrefix)/events/+", clientID: "platform-priority", cleanSession: false
        )
        try await subscriber.waitForConnection()
        broker.stop()

        let running = RunningUplink(broker: broker)
        for seq in 1...5000 { running.uplink.submit(makeEvent(seq: UInt64(seq), severity: .info, device: "status-\(seq % 20)")) }
        let emergency = makeEvent(seq: 5001, severity: .critical, device: "sos-1")
        running.uplink.submit(emergency)
        #expect(running.uplink.status.backlog == 5001)
        try broker.start()

        let first = try await subscriber.next("the first event", timeout: .seconds(20)) { $0.isEvent }
        #expect(try first.json()["id"] as? String == "\(emergency.id)", "first event was \(first)")
        try await eventually("all 5001 events", timeout: .seconds(60)) { subscriber.messages.count >= 5001 }
        try await running.stop()
    }

    /// While connected and streaming a backlog: the emergency overtakes everything not yet
    /// handed to the broker. At most what was acknowledged when it was queued plus one
    /// in-flight window (and the one message being published) can arrive before it.
    @Test func emergencyOvertakesABacklogWhileConnected() async throws {
        let broker = try TestBroker()
        let subscriber = try TestSubscriber(broker: broker, filter: "\(testPrefix)/events/+")
        try await subscriber.waitForConnection()
        let options = UplinkOptions()
        let running = RunningUplink(broker: broker, options: options)
        try await running.waitUntilConnected()

        for seq in 1...5000 { running.uplink.submit(makeEvent(seq: UInt64(seq), severity: .info, device: "status-\(seq % 20)")) }
        let emergency = makeEvent(seq: 5001, severity: .critical, device: "sos-1")
        running.uplink.submit(emergency)
        let acknowledgedThen = Int(running.uplink.status.acknowledged)

        let arrived = try await subscriber.next("the emergency", timeout: .seconds(20)) { $0.payload == emergency.jsonBytes() }
        let all = subscriber.messages
        let before = all[..<(all.firstIndex(of: arrived) ?? all.endIndex)].filter(\.isEvent).count
        #expect(before <= acknowledgedThen + options.maxInFlight + 1, "\(before) events arrived before the emergency")
        #expect(before < 5000)
        try await eventually("all 5001 events", timeout: .seconds(60)) { subscriber.messages.count >= 5001 }
        try await running.stop()
    }
}
