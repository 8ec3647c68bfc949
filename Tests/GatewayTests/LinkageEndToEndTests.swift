import GatewayCore
import GatewayTesting
import Testing

/// Linkage with real parts: a button on one simulated device sounds the siren of another,
/// through the router's rules and the bus workers' command path.
@Suite(.timeLimit(.minutes(1)))
struct LinkageEndToEndTests {
    static let rule = """
        linkage:
          - name: sos-sounds-the-siren
            when: { kind: alarm.emergency, state: active }
            do: [{ device: guard-sounder, command: siren_on }, { device: guard-sounder, command: strobe_on }]
            cooldown: 1h

        """

    @Test func sosSoundsTheSirenWithEveryUplinkDown() async throws {
        // No broker at all: linkage is local and must not wait for a platform.
        let rig = try await GatewayRig(
            devices: [("gate-sos", "sos-button"), ("guard-sounder", "sounder-strobe")], startBroker: false, extraYAML: Self.rule)
        try await eventually("the sounder is polled", timeout: .seconds(10)) {
            rig.gateway.polling.stats().device("guard-sounder")?.snapshot.online == true
        }
        #expect(try rig.simulator.get(device: "guard-sounder", point: "siren") == 0)

        try rig.simulator.press(device: "gate-sos", point: "button")
        try await eventually("siren and strobe on", timeout: .seconds(5)) {
            (try? rig.simulator.get(device: "guard-sounder", point: "siren")) == 1
                && (try? rig.simulator.get(device: "guard-sounder", point: "strobe")) == 1
        }
        try await eventually("both results routed as linkage.done", timeout: .seconds(5)) {
            rig.gateway.router.stats().events(ofKind: "linkage.done") == 2
        }
        try await rig.stop()
    }

    @Test func eachActionResultIsPublishedAsAnEvent() async throws {
        let rig = try await GatewayRig(
            devices: [("gate-sos", "sos-button"), ("guard-sounder", "sounder-strobe")], extraYAML: Self.rule)
        try await rig.waitUntilOnline("guard-sounder")
        try rig.simulator.press(device: "gate-sos", point: "button")
        let siren = try await rig.next("events/guard-sounder") { $0["kind"] as? String == "linkage.done" && $0["point"] as? String == "siren_on" }
        #expect(siren["device"] as? String == "guard-sounder")
        _ = try await rig.next("events/guard-sounder") { $0["kind"] as? String == "linkage.done" && $0["point"] as? String == "strobe_on" }
        try await rig.stop()
    }
}
