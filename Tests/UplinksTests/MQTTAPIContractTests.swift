import Foundation
import GatewayCore
import GatewayTesting
import Journal
import Logging
import SiteConfig
import Testing
@testable @_spi(Testing) import Uplinks

/// docs/mqtt-api.yaml against what the gateway really publishes: every topic and every
/// payload form, from a live uplink on a real broker.
@Suite struct MQTTAPIContractTests {
    let contract: MQTTAPIContract

    init() throws { contract = try MQTTAPIContract.repository() }

    @Test func everyMessageOfALiveUplinkValidates() async throws {
        let broker = try TestBroker()
        let subscriber = try TestSubscriber(broker: broker, filter: "\(testPrefix)/#")
        try await subscriber.waitForConnection()
        var config = broker.uplinkConfig(topicPrefix: testPrefix, heartbeat: .milliseconds(100))
        config.periodicTest = .milliseconds(100)
        config.allowedCommands = ["siren"]
        let uplink = Uplink(config: config, siteID: testSite, logger: Logger(label: "contract"), options: UplinkOptions())
        uplink.attachCommands(executor: nil, securityEvents: nil, lockdown: Lockdown(steps: []))
        let task = Task { try await uplink.run() }
        try await eventually("connected") { uplink.status.connected }
        // Events of every severity, with and without point, value and detail; replayed ones.
        uplink.submit(makeEvent(seq: 1, severity: .critical))
        uplink.submit(makeEvent(seq: 2, severity: .major))
        uplink.submit(Event(site: testSite, device: "gate-1", kind: .deviceOffline, state: .active, severity: .minor,
                            timestamp: 1, contactID: "381", detail: "timeout", id: EventID(high: 0x0190_0000_0000_7003, low: 0x8000_0000_0000_0003), seq: 3))
        uplink.enqueue(JournalEntry(makeEvent(seq: 4, severity: .info)), route: nil, replayed: true)
        uplink.updateState(DeviceSnapshot(device: "gate-1", profile: "gate-controller", location: "东门", online: true, lastPoll: 5,
                                          points: [(id: "open", value: .bool(true)), (id: "pressure", value: .double(1.5))]))
        uplink.updateState(DeviceSnapshot(device: "sos-1", profile: "sos-button", location: "", online: false, lastPoll: 0,
                                          points: [], error: "connection refused"))
        uplink.setJournalHealth(.full)
        try await eventually("broker got a command subscription") { broker.log.contains("\(testPrefix)/commands (QoS 1)") }
        let platform = try MQTTClient(options: MQTTClientOptions(host: broker.host, port: broker.port, clientID: "contract-platform")) { _ in }
        try platform.start()
        try await eventually("the platform connected") { platform.isConnected }
        let now = WallClock.nowMilliseconds()
        try platform.publish(topic: "\(testPrefix)/commands", payload: Array(#"{"v":1,"id":"k1","target":"sos-1","action":"siren","issued":\#(now),"expires":\#(now + 9000)}"#.utf8), qos: .atLeastOnce, retain: false)
        try platform.publish(topic: "\(testPrefix)/commands", payload: Array("nonsense".utf8), qos: .atLeastOnce, retain: false)
        _ = try await subscriber.waitForCount(2, "command results") { $0.topic.hasSuffix("/commands/result") }
        _ = try await subscriber.next("a periodic test") { $0.topic.hasSuffix("/events/gateway") }
        _ = try await subscriber.next("a heartbeat") { $0.topic.hasSuffix("/heartbeat") }
        uplink.severConnectionForTesting()
        _ = try await subscriber.next("the last will") { $0.topic.hasSuffix("/status") && $0.string == #"{"v":1,"site":"\#(testSite)","state":"offline"}"# }
        try await eventually("reconnected") { uplink.status.connected }
        platform.shutdown()
        await uplink.shutdown()
        try await task.value
        _ = try await subscriber.next("the shutdown status") { $0.topic.hasSuffix("/status") && $0.string.contains("shutdown") }

        let topics = Set(subscriber.messages.compactMap { contract.channel(of: $0.topic, prefix: testPrefix) })
        #expect(topics == ["events", "state", "status", "heartbeat", "commands", "commandResults"])
        // All but the platform's deliberately broken command.
        let problems = contract.problems(in: subscriber.messages.filter { $0.string != "nonsense" }, prefix: testPrefix)
        #expect(problems.isEmpty, "\(problems.prefix(10))")
    }

    @Test func theValidatorCatchesWhatTheContractForbids() {
        let bad: [(topic: String, json: String)] = [
            ("events/gate-1", #"{"v":1,"id":"x","seq":1}"#),
            ("heartbeat", #"{"v":1,"site":"s","ts":1,"seq":1,"backlog":0,"extra":true}"#),
            ("status", #"{"v":1,"site":"s","state":"online"}"#),
            ("commands/result", #"{"v":1,"site":"s","id":"a","target":"t","action":"a","status":"refused","ts":1,"elapsed_ms":0}"#),
        ]
        for (topic, json) in bad {
            #expect(!contract.problems(topic: "\(testPrefix)/\(topic)", payload: Array(json.utf8), prefix: testPrefix).isEmpty, "\(topic)")
        }
        let event = makeEvent(seq: 9, severity: .critical)
        var wrongPriority = String(decoding: event.jsonBytes(), as: UTF8.self)
        wrongPriority = wrongPriority.replacingOccurrences(of: #""priority":1"#, with: #""priority":2"#)
        #expect(!contract.problems(topic: eventTopic(), payload: Array(wrongPriority.utf8), prefix: testPrefix).isEmpty)
        #expect(contract.problems(topic: eventTopic(), payload: event.jsonBytes(), prefix: testPrefix).isEmpty)
    }
}
