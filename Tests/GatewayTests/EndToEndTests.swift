import Foundation
import GatewayCore
import GatewayTesting
import Testing

/// The whole path with real parts: simulator (libmodbus server) → gateway → mosquitto → subscriber.
@Suite(.timeLimit(.minutes(1)))
struct EndToEndTests {
    static var uuidV7: Regex<Substring> { #/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/# }

    @Test func buttonPressArrivesAsTheExactEvent() async throws {
        let rig = try await GatewayRig()
        try await rig.waitUntilOnline("gate-sos")
        let before = WallClock.nowMilliseconds()
        try rig.simulator.press(device: "gate-sos", point: "button")
        let active = try await rig.next("events/gate-sos") { $0["kind"] as? String == "alarm.emergency" }
        let after = WallClock.nowMilliseconds()

        #expect(active["v"] as? Int == 1)
        #expect(active["site"] as? String == "t1")
        #expect(active["device"] as? String == "gate-sos")
        #expect(active["point"] as? String == "button")
        #expect(active["state"] as? String == "active")
        #expect(active["severity"] as? String == "critical")
        #expect(active["priority"] as? Int == 1)
        #expect(active["location"] as? String == "东门")
        #expect(active["cameras"] as? [String] == ["cam-1"])
        #expect(active["cid"] as? String == "120")
        #expect(active["drill"] as? Bool == false)
        #expect(active["value"] as? Bool == true)
        let id = try #require(active["id"] as? String)
        #expect(id.wholeMatch(of: Self.uuidV7) != nil)
        let ts = try #require(active["ts"] as? Int64)
        #expect(ts >= before && ts <= after)
        let seq = try #require(active["seq"] as? Int)

        // The emergency latches: it is cleared by a reset once the button is released.
        try rig.simulator.release(device: "gate-sos", point: "button")
        rig.gateway.polling.execute(CommandRequest(id: "r1", device: "gate-sos", command: "reset", origin: "test")) { _ in }
        let cleared = try await rig.next("events/gate-sos") { $0["kind"] as? String == "alarm.emergency" && $0["state"] as? String == "cleared" }
        #expect(cleared["seq"] as? Int == seq + 1)
        #expect(cleared["id"] as? String != id)

        // The retained state follows the button.
        let state = try await rig.next("state/gate-sos") { ($0["points"] as? [String: Any])?["button"] as? Bool == false }
        #expect(state["online"] as? Bool == true)
        try await rig.stop()
    }

    @Test func unpluggedDeviceIsReportedOfflineThenOnline() async throws {
        let rig = try await GatewayRig(devices: [("gate-sos", "sos-button"), ("perimeter", "perimeter-8zone")])
        try await rig.waitUntilOnline("gate-sos")
        try await rig.waitUntilOnline("perimeter")
        try rig.simulator.unplug(device: "gate-sos")
        let offline = try await rig.next("events/gate-sos") { $0["kind"] as? String == "device.offline" }
        #expect(offline["state"] as? String == "active")
        #expect((offline["detail"] as? String)?.isEmpty == false)
        let state = try await rig.next("state/gate-sos") { $0["online"] as? Bool == false }
        #expect((state["error"] as? String)?.isEmpty == false)

        // The other device, on its own bus, keeps working meanwhile.
        try rig.simulator.press(device: "perimeter", point: "zone2")
        let intrusion = try await rig.next("events/perimeter") { $0["kind"] as? String == "alarm.intrusion" }
        #expect(intrusion["point"] as? String == "zone2")

        try rig.simulator.plug(device: "gate-sos")
        let online = try await rig.next("events/gate-sos") { $0["kind"] as? String == "device.online" }
        #expect(online["state"] as? String == "cleared")
        try await rig.waitUntilOnline("gate-sos")
        try await rig.stop()
    }

    @Test func eventsAfterABrokerRestartArrive() async throws {
        let rig = try await GatewayRig(persistentSession: true)
        try await rig.waitUntilOnline("gate-sos")
        rig.broker.stop()
        // Pressed while the broker is down: must not be lost.
        try rig.simulator.press(device: "gate-sos", point: "button")
        try await Task.sleep(for: .milliseconds(500))
        try rig.broker.restart()
        try await rig.subscriber.waitForConnection()
        let queued = try await rig.next("events/gate-sos", timeout: .seconds(15)) { $0["kind"] as? String == "alarm.emergency" && $0["state"] as? String == "active" }
        #expect(queued["device"] as? String == "gate-sos")
        // And the link works for new events too, with a fresh birth message.
        _ = try await rig.next("status") { $0["state"] as? String == "online" }
        try rig.simulator.press(device: "gate-sos", point: "tamper")
        _ = try await rig.next("events/gate-sos") { $0["kind"] as? String == "alarm.tamper" && $0["state"] as? String == "active" }
        try await rig.stop()
    }

    @Test func startsWithDeadDeviceAndDeadBrokerAndRecovers() async throws {
        let rig = try await GatewayRig(startSimulator: false, startBroker: false)
        try await Task.sleep(for: .milliseconds(800))
        try rig.broker.start()
        try await rig.subscriber.waitForConnection()
        // The device never answered: reported offline once the broker is reachable. The
        // event itself may leave before this subscriber is back, so read the retained state.
        let state = try await rig.next("state/gate-sos", timeout: .seconds(15)) { $0["online"] as? Bool == false }
        #expect((state["error"] as? String)?.contains("not connected") == true)
        try rig.simulator.start()
        _ = try await rig.next("events/gate-sos", timeout: .seconds(15)) { $0["kind"] as? String == "device.online" }
        try await rig.waitUntilOnline("gate-sos")
        try await rig.stop()
    }

    @Test func gracefulStopPublishesRetainedOffline() async throws {
        let rig = try await GatewayRig()
        let birth = try await rig.next("status") { $0["state"] as? String == "online" }
        #expect(birth["version"] as? String == GatewayVersion.string)
        await rig.group.triggerGracefulShutdown()
        let offline = try await rig.subscriber.next("offline status", timeout: .seconds(10)) { message in
            message.topic == rig.topic("status") && message.string.contains("\"offline\"")
        }
        #expect(try offline.json()["state"] as? String == "offline")
        try await rig.stop()
    }

    @Test func twentyButtonsPressedAtOnceAllArriveOnce() async throws {
        let ids = (1...20).map { "sos-\($0)" }
        let rig = try await GatewayRig(devices: ids.map { ($0, "sos-button") })
        for id in ids { try await rig.waitUntilOnline(id) }
        for id in ids { try rig.simulator.press(device: id, point: "button") }
        let alarms = try await rig.subscriber.waitForCount(20, "emergencies", timeout: .seconds(10)) { message in
            message.topic.hasPrefix(rig.topic("events/")) && message.string.contains("\"alarm.emergency\"")
        }
        // Give any duplicate a moment to show up, then count again.
        try await Task.sleep(for: .milliseconds(300))
        let all = rig.subscriber.messages.filter { $0.topic.hasPrefix(rig.topic("events/")) && $0.string.contains("\"alarm.emergency\"") }
        #expect(all.count == 20, "duplicates: \(all.count - 20)")
        let events = try alarms.map { try $0.json() }
        #expect(Set(events.compactMap { $0["device"] as? String }) == Set(ids))
        let seqs = events.compactMap { $0["seq"] as? Int }.sorted()
        #expect(seqs == Array(seqs[0]..<(seqs[0] + 20)), "seq must be gap-free: \(seqs)")
        try await rig.stop()
    }
}
