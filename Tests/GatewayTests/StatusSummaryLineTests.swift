import StatusPage
import Testing

@testable import Gateway

/// systemd's STATUS line, as `systemctl status` shows it.
@Suite struct StatusSummaryLineTests {
    static func device(_ id: String, online: Bool, lastPoll: Int64, error: String = "") -> DeviceStatus {
        DeviceStatus(id: id, profile: "sos-button", location: "", line: "tcp://127.0.0.1:1502", online: online, lastPoll: lastPoll, error: error)
    }

    @Test func devicesNotPolledYetAreToldApartFromOfflineOnes() {
        let status = GatewayStatus(
            site: .init(id: "s1", name: "School"), version: "test", startedAt: 1, generatedAt: 2,
            devices: [
                Self.device("sos-1", online: true, lastPoll: 1_000),
                Self.device("sos-2", online: true, lastPoll: 1_000),
                Self.device("sos-3", online: false, lastPoll: 900, error: "timed out"),
                Self.device("sos-4", online: false, lastPoll: 0, error: "connect to tcp://127.0.0.1:1502: Connection refused"),
                Self.device("sos-5", online: false, lastPoll: 0),
                Self.device("sos-6", online: false, lastPoll: 0),
            ])
        #expect(GatewayStatusBoard.summary(of: status) == "2/6 devices online (2 not polled yet), 0/0 uplinks connected, 0 alarms active")

        var settled = status
        settled.devices.removeLast(2)
        #expect(GatewayStatusBoard.summary(of: settled) == "2/4 devices online, 0/0 uplinks connected, 0 alarms active")
    }
}
