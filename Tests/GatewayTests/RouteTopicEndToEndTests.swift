import GatewayCore
import GatewayTesting
import Testing

/// A route's own topic and QoS reach the broker, through the journal, for the uplinks that
/// route chose; other events keep the default topic.
@Suite(.timeLimit(.minutes(1)))
struct RouteTopicEndToEndTests {
    static let routes = """
        routes:
          - { name: alarms, kind: "alarm.*", to: [police], topic: "alarms/{kind}/{device}", qos: 0 }
          - { name: everything, to: [police] }

        """

    @Test func alarmsUseTheirRoutesTopicAndQoS() async throws {
        let rig = try await GatewayRig(devices: [("gate-sos", "sos-button")], extraYAML: Self.routes, journaled: true)
        try await rig.waitUntilOnline("gate-sos")
        try rig.simulator.press(device: "gate-sos", point: "button")
        let alarm = try await rig.subscriber.next("the emergency on the route's topic", timeout: .seconds(10)) {
            $0.topic == rig.topic("alarms/alarm.emergency/gate-sos")
        }
        #expect(alarm.qos == .atMostOnce)
        #expect(try alarm.json()["kind"] as? String == "alarm.emergency")

        // A tamper is an alarm too; a device.offline is not, and takes the default topic at QoS 1.
        try rig.simulator.unplug(device: "gate-sos")
        let offline = try await rig.subscriber.next("device.offline on the default topic", timeout: .seconds(10)) {
            $0.topic == rig.topic("events/gate-sos") && (try? $0.json()["kind"] as? String) == "device.offline"
        }
        #expect(offline.qos == .atLeastOnce)
        // Both were journaled and acknowledged (QoS 0: once written out): nothing owed.
        try await eventually("the journal owes nothing", timeout: .seconds(5)) {
            rig.gateway.uplinks[0].status.backlog == 0
        }
        try await rig.stop()
    }
}
