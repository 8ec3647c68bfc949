import GatewayCore
import SiteConfig
import Testing

@testable import Polling

/// A device's own limits: a cap per request, and addresses that must never be read.
@Suite struct RequestPlannerLimitTests {
    func register(_ id: String, _ address: Int) -> PointSpec {
        PointSpec(id: id, table: .inputRegister, address: address, type: .u16)
    }

    @Test func perDeviceCapSplitsRequests() {
        let points = (0..<10).map { register("r\($0)", $0) }
        let plan = RequestPlanner(maxRegisters: 4).plan(points)
        #expect(plan.requests.map(\.count) == [4, 4, 2])
        #expect(plan.requests.map(\.address) == [0, 4, 8])
    }

    @Test func gapsAcrossAProhibitedRangeAreNeverFilled() {
        let points = [register("a", 0), register("b", 6)]
        #expect(RequestPlanner().plan(points).requests.count == 1)
        let guarded = RequestPlanner(prohibited: [AddressRange(table: .inputRegister, first: 3, last: 3)])
        let plan = guarded.plan(points)
        #expect(plan.requests.map(\.address) == [0, 6])
        #expect(plan.requests.allSatisfy { !guarded.prohibited[0].overlaps(.inputRegister, address: $0.address, count: $0.count) })
        // Another table's prohibited range does not matter.
        let other = RequestPlanner(prohibited: [AddressRange(table: .holdingRegister, first: 3, last: 3)])
        #expect(other.plan(points).requests.count == 1)
    }

    @Test func pollGroupsSplitByIntervalWithAlarmGroupsMarked() {
        let profile = DeviceProfile(name: "p", sourceFile: "/p.yaml", points: [
            PointSpec(id: "sos", table: .discreteInput, address: 0, type: .bool, event: .emergency, severity: .critical),
            PointSpec(id: "volts", table: .inputRegister, address: 0, type: .u16, poll: .seconds(5)),
            PointSpec(id: "door", table: .discreteInput, address: 1, type: .bool, event: "gate.open", severity: .info),
        ])
        let device = DeviceConfig(id: "d", profile: profile, connection: .tcp(host: "h", port: 1), unit: 1, poll: .milliseconds(100), timeout: .milliseconds(100))
        let groups = PollGroup.groups(of: device)
        #expect(groups.map(\.interval) == [.milliseconds(100), .seconds(5)])
        #expect(groups.map(\.points) == [[0, 2], [1]])
        #expect(groups.map(\.isAlarm) == [true, false])
        #expect(groups[0].plan.requests.count == 1 && groups[0].plan.requests[0].count == 2)
    }
}

/// Deadlines: an hour of 100 ms polls is 36 000 polls whatever each one takes.
@Suite struct DeadlineTests {
    @Test func noDriftOverAnHour() {
        let interval: UInt64 = 100_000_000
        var due: UInt64 = 0
        for i in 0..<36_000 {
            // Each poll finishes 1–90 ms after its deadline.
            let now = due + UInt64(1 + i % 90) * 1_000_000
            let (next, missed) = BusLoop.nextDeadline(after: due, interval: interval, now: now)
            #expect(missed == 0)
            due = next
        }
        #expect(due == 36_000 * interval)
    }

    @Test func missedDeadlinesAreSkippedNotBunched() {
        let (next, missed) = BusLoop.nextDeadline(after: 0, interval: 100, now: 350)
        #expect(next == 450 && missed == 3)
    }
}
