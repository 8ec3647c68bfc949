import GatewayCore
import GatewayTesting
import Testing

@testable import Polling

/// RTU lines and TCP-to-RTU converters: every unit on one line shares one worker.
@Suite("Lines shared by several units", .timeLimit(.minutes(1)))
struct LineSharingTests {
    @Test func twoUnitsOnAnRTULineOverAPtyPair() async throws {
        let pair = try SerialPair()
        defer { pair.stop() }
        let line = DeviceConnection.rtu(.init(path: pair.clientPath, baud: 38400))
        let rig = try PollingRig(
            [PollingRig.device("sos-a", TestProfiles.panel, line, unit: 3), PollingRig.device("sos-b", TestProfiles.panel, line, unit: 4)],
            serialPaths: [pair.clientPath: pair.serverPath]
        )
        #expect(rig.service.workers.count == 1)
        try rig.start()
        try await rig.events.waitForState("sos-a") { $0.online }
        try await rig.events.waitForState("sos-b") { $0.online }
        try rig.simulator.press(device: "sos-b", point: "button")
        let alarm = try await rig.events.next("emergency on sos-b") { $0.kind == .emergency }
        #expect(alarm.device == "sos-b" && alarm.state == .active && alarm.contactID == "120")
        #expect(rig.events.events.allSatisfy { $0.device != "sos-a" || $0.kind != .emergency })
        // A command with read-back over the same line.
        #expect(await rig.execute("sos-a", "siren_on").outcome == .done)
        #expect(try rig.simulator.get(device: "sos-a", point: "siren") == 1)
        #expect(try rig.simulator.get(device: "sos-b", point: "siren") == 0)
        let stats = rig.service.stats()
        #expect(stats.lines.count == 1 && stats.lines[0].devices == 2)
        #expect(stats.lines[0].faultCount(.crc) == 0 && stats.lines[0].requests > 0)
        await rig.stop()
    }

    @Test func twoUnitsBehindOneTCPAddressShareAWorkerAndOneSilentUnitSparesTheOther() async throws {
        let rig = try PollingRig([
            PollingRig.device("unit-1", TestProfiles.panel, PollingRig.tcp(15100), unit: 1, timeout: .milliseconds(150)),
            PollingRig.device("unit-2", TestProfiles.panel, PollingRig.tcp(15100), unit: 2),
        ])
        #expect(rig.service.workers.count == 1)
        try rig.start()
        try await rig.events.waitForState("unit-2") { $0.online }
        try rig.simulator.unplug(device: "unit-1")
        let offline = try await rig.events.next("unit-1 offline") { $0.kind == .deviceOffline }
        #expect(offline.device == "unit-1" && offline.detail.contains("no answer"))
        let mark = rig.events.events.count
        try rig.simulator.press(device: "unit-2", point: "tamper")
        let tamper = try await rig.events.next("tamper on unit-2", after: mark) { $0.kind == .tamper }
        #expect(tamper.device == "unit-2")
        #expect(rig.events.events.filter { $0.kind == .deviceOffline }.map(\.device) == ["unit-1"])
        await rig.stop()
    }

    @Test func frameGapFollowsTheBaudRate() {
        // 3.5 characters of 10 bits at 9600 baud is 3.65 ms; above 19200 baud it is 1.75 ms.
        #expect(LinePacer.frameGap(.init(path: "/dev/x", baud: 9600)) == 3_645_834)
        #expect(LinePacer.frameGap(.init(path: "/dev/x", baud: 9600, parity: "E")) == 4_010_417)
        #expect(LinePacer.frameGap(.init(path: "/dev/x", baud: 115200)) == 1_750_000)
        #expect(LinePacer(connection: .tcp(host: "h", port: 1)).frameGapNs == 0)
    }

    @Test func unitDelayAndConnectDelayComeFromTheProfile() {
        var profile = TestProfiles.panel
        profile.unitDelay = .milliseconds(20)
        profile.connectDelay = .milliseconds(200)
        var pacer = LinePacer(connection: .rtu(.init(path: "/dev/x", baud: 115200)))
        pacer.connected(atNs: 1_000_000_000)
        // First request after connecting waits out the connect delay.
        #expect(pacer.earliestStart(unit: 1, profile: profile) == 1_200_000_000)
        pacer.finished(unit: 1, atNs: 1_300_000_000)
        // Same unit: only the frame gap; another unit: the unit delay.
        #expect(pacer.earliestStart(unit: 1, profile: profile) == 1_301_750_000)
        #expect(pacer.earliestStart(unit: 2, profile: profile) == 1_320_000_000)
    }
}
