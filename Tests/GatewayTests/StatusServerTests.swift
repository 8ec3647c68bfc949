import Foundation
import GatewayTesting
import StatusPage
import Testing

/// The status server of a running gateway: page, API, metrics, and no secrets.
@Suite(.timeLimit(.minutes(1)))
struct StatusServerTests {
    @Test func showsDevicesAlarmsAndUplinksAndNoSecrets() async throws {
        let rig = try await DaemonRig()
        try rig.simulator.press(device: "gate-east-sos", point: "button")
        let status = try await rig.status("the alarm and both devices online") { status in
            !status.alarms.isEmpty && status.onlineDeviceCount == 2 && status.connectedUplinkCount == 1
        }
        let alarm = try #require(status.alarms.first)
        #expect(alarm.device == "gate-east-sos" && alarm.point == "button" && alarm.kind == "alarm.emergency")
        #expect(alarm.location == "东门")
        let device = try #require(status.devices.first { $0.id == "gate-east-sos" })
        #expect(device.points.first { $0.id == "button" } == PointReading(id: "button", value: .bool(true), active: true))
        #expect(device.lastPoll > 0)
        #expect(status.uplinks.first?.path.hasPrefix("mqtt://127.0.0.1:") == true)
        #expect(status.routing.eventsByKind["alarm.emergency"] == 1)
        #expect(status.health == [HealthReport(name: "router", alive: true)])

        let json = try await rig.client.text("/api/status")
        #expect(!json.contains(DaemonRig.password), "a password in /api/status")
        #expect(json.contains("\"last_poll\""), "snake_case keys for scripts")
        let page = try await rig.client.text("/")
        #expect(page.contains("data-alarm=\"gate-east-sos/button\""))
        #expect(page.contains("data-device=\"perimeter-north\""))
        #expect(!page.contains(DaemonRig.password))
        let metrics = try await rig.client.text("/metrics")
        #expect(metrics.contains("campus_gateway_events_total{kind=\"alarm.emergency\"} 1"))
        #expect(metrics.contains("campus_gateway_uplink_connected{uplink=\"police\"} 1"))
        #expect(metrics.contains("# TYPE campus_gateway_routing_latency_seconds histogram"))
        try await rig.stop()
    }

    @Test func clearedAlarmLeavesThePage() async throws {
        let rig = try await DaemonRig()
        // The emergency latches until a reset; tamper clears by itself.
        try rig.simulator.press(device: "gate-east-sos", point: "tamper")
        try await rig.status("the alarm") { !$0.alarms.isEmpty }
        try rig.simulator.release(device: "gate-east-sos", point: "tamper")
        let status = try await rig.status("the alarm cleared") { $0.alarms.isEmpty }
        #expect(status.routing.eventsByKind["alarm.tamper"] == 2, "raised and cleared")
        try await rig.stop()
    }

    @Test func liveUpdatesArriveAsServerSentEvents() async throws {
        let rig = try await DaemonRig()
        let text = try await ServerSentEvents.read(url: rig.baseURL + "/api/stream", events: 2)
        #expect(text.hasPrefix("event: status\ndata: "))
        #expect(text.components(separatedBy: "event: status\n").count - 1 >= 2)
        #expect(text.contains("data-device=\"gate-east-sos\""))
        try await rig.stop()
    }
}
