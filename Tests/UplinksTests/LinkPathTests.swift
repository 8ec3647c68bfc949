import Foundation
import GatewayCore
import GatewayTesting
import Logging
import SiteConfig
import Testing
@_spi(Testing) import Uplinks

/// Several uplinks, a backup broker, MQTT 5 timers.
@Suite struct LinkPathTests {
    func start(_ config: UplinkConfig, options: UplinkOptions = UplinkOptions(drainTimeout: .milliseconds(200))) -> (Uplink, Task<Void, any Error>) {
        let uplink = Uplink(config: config, siteID: testSite, logger: Logger(label: "path-test"), options: options)
        return (uplink, Task { try await uplink.run() })
    }

    @Test func failsOverToTheBackupBrokerAndBackToThePrimary() async throws {
        let primary = try TestBroker(start: false)
        let backup = try TestBroker()
        let onBackup = try TestSubscriber(broker: backup, filter: "\(testPrefix)/#")
        try await onBackup.waitForConnection()
        var config = primary.uplinkConfig(topicPrefix: testPrefix)
        config.backup = .init(host: backup.host, port: backup.port)
        let (uplink, task) = start(config, options: UplinkOptions(drainTimeout: .milliseconds(200), failbackInterval: .milliseconds(300)))
        do {
            try await eventually("connected over the backup", timeout: .seconds(20)) { uplink.status.connected && uplink.status.path == .backup }
        } catch {
            Issue.record("\(error); uplink: \(uplink.status); primary port \(primary.port), backup \(backup.port)")
            throw error
        }
        let birth = try await onBackup.next("birth on the backup") { $0.topic == "\(testPrefix)/status" && $0.string.contains("online") }
        #expect(try birth.json()["path"] as? String == "backup")
        uplink.submit(makeEvent(seq: 1, severity: .critical))
        _ = try await onBackup.next("the event on the backup") { $0.isEvent }

        try primary.start()
        let onPrimary = try TestSubscriber(broker: primary, filter: "\(testPrefix)/#")
        try await onPrimary.waitForConnection()
        try await eventually("back on the primary", timeout: .seconds(15)) { uplink.status.connected && uplink.status.path == .primary }
        let back = try await onPrimary.next("birth on the primary") { $0.topic == "\(testPrefix)/status" && $0.string.contains("online") }
        #expect(try back.json()["path"] as? String == "primary")
        // The backup was left cleanly: its retained status is not the last will.
        #expect(!onBackup.messages.contains { $0.topic == "\(testPrefix)/status" && $0.string == #"{"v":1,"site":"\#(testSite)","state":"offline"}"# })
        let contract = try MQTTAPIContract.repository()
        #expect(contract.problems(in: onBackup.messages + onPrimary.messages, prefix: testPrefix).isEmpty)
        await uplink.shutdown()
        try await task.value
    }

    @Test func aDeadPlatformNeverDelaysAnother() async throws {
        let dead = try TestBroker(start: false)
        let live = try TestBroker()
        let subscriber = try TestSubscriber(broker: live, filter: "\(testPrefix)/events/+")
        try await subscriber.waitForConnection()
        let (fire, fireTask) = start(dead.uplinkConfig(name: "fire", topicPrefix: testPrefix))
        let (police, policeTask) = start(live.uplinkConfig(name: "police", topicPrefix: testPrefix))
        try await eventually("police connected") { police.status.connected }
        for seq in 1...200 {
            let event = makeEvent(seq: UInt64(seq), severity: .major)
            fire.submit(event)
            police.submit(event)
        }
        _ = try await subscriber.waitForCount(200, "police events") { $0.isEvent }
        #expect(fire.status.backlog == 200)
        #expect(police.status.backlog == 0)
        #expect(police.status.latency.total == 200)
        await fire.shutdown()
        await police.shutdown()
        try await fireTask.value
        try await policeTask.value
    }

    @Test func mqtt5DelaysTheWillSoAShortDropIsNotReportedOffline() async throws {
        let broker = try TestBroker()
        let subscriber = try TestSubscriber(broker: broker, filter: "\(testPrefix)/status")
        try await subscriber.waitForConnection()
        var config = broker.uplinkConfig(topicPrefix: testPrefix)
        config.protocolVersion = .v5
        config.willDelay = .seconds(1)
        let (uplink, task) = start(config)
        try await eventually("connected over MQTT 5") { uplink.status.connected }
        _ = try await subscriber.next("birth") { $0.string.contains("online") }
        uplink.severConnectionForTesting()
        // Reconnected within the will delay: the broker never publishes the will.
        try await eventually("reconnected") { uplink.status.connected }
        _ = try await subscriber.next("second birth") { $0.string.contains("online") }
        try await Task.sleep(for: .milliseconds(1300))
        #expect(!subscriber.messages.contains { $0.string.contains("offline") })
        #expect(broker.log.contains("(p5,"))  // mosquitto logs the protocol of each CONNECT
        await uplink.shutdown()
        try await task.value
    }
}

@Suite struct PeriodicTestTests {
    @Test func theUplinkSendsItsPeriodicTestEvent() async throws {
        let broker = try TestBroker()
        let subscriber = try TestSubscriber(broker: broker, filter: "\(testPrefix)/events/+")
        try await subscriber.waitForConnection()
        var config = broker.uplinkConfig(topicPrefix: testPrefix)
        config.periodicTest = .milliseconds(200)
        let uplink = Uplink(config: config, siteID: testSite, logger: Logger(label: "periodic"), options: UplinkOptions())
        let task = Task { try await uplink.run() }
        let first = try await subscriber.next("a periodic test") { $0.topic == "\(testPrefix)/events/gateway" }
        let second = try await subscriber.next("another periodic test") { $0.topic == "\(testPrefix)/events/gateway" }
        for message in [first, second] {
            let json = try message.json()
            #expect(json["kind"] as? String == "system.test")
            #expect(json["cid"] as? String == "602")
            #expect(json["seq"] as? Int == 0)
        }
        #expect(try first.json()["id"] as? String != second.json()["id"] as? String)
        await uplink.shutdown()
        try await task.value
    }
}

@Suite struct MessageExpiryTests {
    /// MQTT 5: a status event a platform could not take in time expires at the broker; an
    /// alarm never does.
    @Test func statusEventsExpireAndAlarmsDoNot() async throws {
        let broker = try TestBroker()
        let clientID = "expiry-platform-\(broker.port)"
        let first = try TestSubscriber(broker: broker, filter: "\(testPrefix)/events/+", clientID: clientID, cleanSession: false)
        try await first.waitForConnection()
        first.shutdown()
        var config = broker.uplinkConfig(topicPrefix: testPrefix)
        config.protocolVersion = .v5
        config.messageExpiry = .seconds(1)
        let uplink = Uplink(config: config, siteID: testSite, logger: Logger(label: "expiry"), options: UplinkOptions())
        let task = Task { try await uplink.run() }
        try await eventually("connected") { uplink.status.connected }
        uplink.submit(makeEvent(seq: 1, severity: .info))
        uplink.submit(makeEvent(seq: 2, severity: .critical))
        try await eventually("both acknowledged") { uplink.status.acknowledged == 2 }
        try await Task.sleep(for: .milliseconds(2100))
        let platform = try TestSubscriber(broker: broker, filter: "\(testPrefix)/events/+", clientID: clientID, cleanSession: false)
        let alarm = try await platform.next("the alarm kept for the platform") { $0.isEvent }
        #expect(try alarm.json()["seq"] as? Int == 2)
        try await Task.sleep(for: .milliseconds(200))
        #expect(platform.messages.count == 1, "\(platform.messages)")
        platform.shutdown()
        await uplink.shutdown()
        try await task.value
    }
}
