import Foundation
import GatewayTesting
import StatusPage
import Testing

/// Reload (SIGHUP) while events flow: a valid site is applied without losing an event or
/// dropping an unchanged uplink; a broken one is refused and reported.
@Suite(.timeLimit(.minutes(1)))
struct ReloadTests {
    @Test func validSiteIsAppliedWhileEventsFlowAndNothingIsLost() async throws {
        let rig = try await DaemonRig(journal: true)
        try await rig.status("both devices online") { $0.onlineDeviceCount == 2 && $0.connectedUplinkCount == 1 }
        let flow = Task { try await rig.toggleTamper(times: 6) }
        try await rig.subscriber.waitForCount(2, "tamper events before the reload", matching: { message in
            message.topic == "campus/v1/t1/events/gate-east-sos" && message.string.contains("alarm.tamper")
        })
        // A device added, one changed (its bus restarts), an uplink added; police unchanged.
        try rig.rewriteSite(rig.siteYAML(
            extraDevices: [#"{ id: bollard-1, profile: bollard, connection: "tcp://127.0.0.1:\#(FreePort.next())", poll: 100ms }"#],
            extraUplinks: [#"{ name: edu, url: "mqtt://127.0.0.1:\#(rig.broker.port)", topic_prefix: edu/v1/t1 }"#],
            perimeterLocation: "北墙二段"
        ))
        await rig.daemon.reload()
        try await flow.value

        let status = try await rig.status("the new site, edu connected") { status in
            status.devices.count == 3 && status.connectedUplinkCount == 2 && status.devices.contains { $0.location == "北墙二段" }
        }
        #expect(status.lastReload?.applied == true)
        #expect(status.lastReload?.lines == ["device added: bollard-1", "device changed: perimeter-north", "uplink added: edu"])
        // Every opening and closing reached the police, with gap-free seq across the reload.
        let events = try await rig.subscriber.waitForCount(12, "tamper events", matching: { message in
            message.topic == "campus/v1/t1/events/gate-east-sos" && message.string.contains("alarm.tamper")
        })
        let received = rig.tamperEvents(prefix: "campus/v1/t1")
        #expect(received.map { $0["state"] as? String } == Array(repeating: ["active", "cleared"], count: 6).flatMap { $0 },
                "\(events.count) events")
        let allSeq = rig.subscriber.messages.filter { $0.topic.hasPrefix("campus/v1/t1/events/") }
            .compactMap { try? $0.json()["seq"] as? Int }
        let unique = Array(Set(allSeq)).sorted()
        #expect(unique == Array(1...(unique.last ?? 0)), "seq gap-free: \(unique)")
        // The new uplink got every device's state at once, and gets events.
        _ = try await rig.subscriber.next("edu's state of the sos button", matching: { $0.topic == "edu/v1/t1/state/gate-east-sos" })
        try rig.simulator.press(device: "gate-east-sos", point: "button")
        let atEdu = try await rig.subscriber.next("the alarm at edu", matching: { message in
            message.topic == "edu/v1/t1/events/gate-east-sos" && message.string.contains("alarm.emergency")
        })
        let atPolice = try await rig.subscriber.next("the alarm at the police", matching: { message in
            message.topic == "campus/v1/t1/events/gate-east-sos" && message.string.contains("alarm.emergency")
        })
        #expect(try atEdu.json()["seq"] as? Int == atPolice.json()["seq"] as? Int)
        // An uplink appended: the police link was never dropped.
        #expect(rig.statuses(prefix: "campus/v1/t1") == ["online"])
        #expect(rig.statuses(prefix: "edu/v1/t1") == ["online"])
        try await rig.stop()
    }

    @Test func devicesAndRoutesChangeWhileThePoliceUplinkStaysConnected() async throws {
        let rig = try await DaemonRig(journal: true, routes: [#"{ name: all-to-police, to: [police] }"#])
        try await rig.status("both devices online") { $0.onlineDeviceCount == 2 && $0.connectedUplinkCount == 1 }
        let flow = Task { try await rig.toggleTamper(times: 6) }
        try await rig.subscriber.waitForCount(2, "tamper events before the reload", matching: { message in
            message.topic == "campus/v1/t1/events/gate-east-sos" && message.string.contains("alarm.tamper")
        })
        // A device added; tamper alarms now go to a topic of their own. The police uplink is unchanged.
        try rig.rewriteSite(rig.siteYAML(
            extraDevices: [#"{ id: bollard-1, profile: bollard, connection: "tcp://127.0.0.1:\#(FreePort.next())", poll: 100ms }"#],
            routes: [
                #"{ name: tamper-to-police, kind: alarm.tamper, to: [police], topic: "alarms/{device}" }"#,
                #"{ name: all-to-police, to: [police] }"#,
            ]
        ))
        await rig.daemon.reload()
        try await flow.value

        let status = try await rig.status("the new site") { $0.devices.count == 3 && $0.connectedUplinkCount == 1 }
        #expect(status.lastReload?.lines == ["device added: bollard-1", "routes changed"])
        // Every opening and closing reached the police, old topic then new, seq gap-free.
        try await rig.subscriber.waitForCount(12, "every tamper event, on either topic", matching: { message in
            message.topic.hasSuffix("/gate-east-sos") && message.topic.hasPrefix("campus/v1/t1/") && message.string.contains("alarm.tamper")
        })
        let tamper = rig.subscriber.messages.filter { $0.topic.hasSuffix("/gate-east-sos") && $0.string.contains("alarm.tamper") }
            .compactMap { try? $0.json() }
        #expect(tamper.map { $0["state"] as? String } == Array(repeating: ["active", "cleared"], count: 6).flatMap { $0 })
        #expect(rig.subscriber.messages(onTopic: "campus/v1/t1/alarms/gate-east-sos").count >= 1)
        let all = rig.seqs(prefix: "campus/v1/t1")
        #expect(all == Array(1...(all.last ?? 0)), "seq gap-free, each once: \(all)")
        // The police link was never dropped: one birth, no goodbye, one connection.
        #expect(rig.statuses(prefix: "campus/v1/t1") == ["online"])
        try await rig.stop()
    }

    @Test func brokenSiteIsRefusedReportedAndTheOldOneKeepsRunning() async throws {
        let rig = try await DaemonRig()
        try await rig.status("both devices online") { $0.onlineDeviceCount == 2 }
        // Two mistakes: an unknown key (line 4) and a poll out of range (line 5).
        let broken = rig.siteYAML()
            .replacingOccurrences(of: "location: 东门 }", with: "location: 东门, colour: red }")
            .replacingOccurrences(of: "poll: 50ms, timeout: 200ms, location: 北墙", with: "poll: 0ms, timeout: 200ms, location: 北墙")
        try rig.rewriteSite(broken)
        await rig.daemon.reload()

        let status = try await rig.status("the refused reload") { $0.lastReload != nil }
        let report = try #require(status.lastReload)
        #expect(!report.applied)
        #expect(report.lines.count == 2, "\(report.lines)")
        #expect(report.lines.allSatisfy { $0.contains("site.yaml:") && $0.contains(": error: ") })
        #expect(report.lines.first?.contains("site.yaml:4:") == true)
        #expect(report.lines.last?.contains("site.yaml:5:") == true)
        #expect(status.devices.count == 2)
        let configError = try await rig.subscriber.next("the config error event", matching: { $0.topic == "campus/v1/t1/events/gateway" })
        let json = try configError.json()
        #expect(json["kind"] as? String == "gateway.config_error")
        #expect(json["state"] as? String == "active")
        #expect((json["detail"] as? String)?.hasPrefix("2 errors in the site file; first: ") == true)
        #expect(status.alarms.contains { $0.kind == "gateway.config_error" })

        // Still running on the old site: an alarm still goes through.
        try rig.simulator.press(device: "gate-east-sos", point: "button")
        _ = try await rig.subscriber.next("the alarm after the refused reload", matching: { message in
            message.topic == "campus/v1/t1/events/gate-east-sos" && message.string.contains("\"active\"")
        })

        // Fixed: applied (nothing changed) and the config error cleared.
        try rig.rewriteSite(rig.siteYAML())
        await rig.daemon.reload()
        let cleared = try await rig.subscriber.next("the config error cleared", matching: { message in
            message.topic == "campus/v1/t1/events/gateway" && message.string.contains("\"cleared\"")
        })
        #expect(try cleared.json()["kind"] as? String == "gateway.config_error")
        let after = try await rig.status("the good reload") { $0.lastReload?.applied == true }
        #expect(after.lastReload?.lines == ["no change"])
        #expect(!after.alarms.contains { $0.kind == "gateway.config_error" })
        try await rig.stop()
    }
}
