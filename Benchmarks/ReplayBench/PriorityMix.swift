import BenchSupport
import GatewayCore

/// The flood journaled during the outage: a fixed share of each severity, shuffled with a
/// seed so emergencies are spread through the backlog rather than bunched at one end, as
/// on a site where a few alarms go off during a long broker outage among routine traffic.
struct PriorityMix: Sendable {
    /// Per mille of each severity, most urgent first; they add up to 1000.
    static let shares: [(severity: Severity, perMille: Int, kind: EventKind, point: String)] = [
        (.critical, 10, .emergency, "button"),  // SOS buttons pressed: 1 %
        (.major, 40, .intrusion, "pir"),  // intrusion and forced-door alarms: 4 %
        (.minor, 100, .deviceFault, "power"),  // faults (mains lost, battery low): 10 %
        (.info, 850, "door.state", "door"),  // door and zone states, the routine traffic: 85 %
    ]
    /// Devices the events come from: many topics, as on a real site.
    static let devices = 200

    let severities: [Severity]

    init(events: Int, seed: UInt64) {
        var all: [Severity] = []
        all.reserveCapacity(events)
        for share in Self.shares.dropLast() {
            all += Array(repeating: share.severity, count: events * share.perMille / 1000)
        }
        // Rounding goes to the least urgent class, so the count is exact.
        all += Array(repeating: Self.shares[Self.shares.count - 1].severity, count: events - all.count)
        var random = SplitMix64(seed: seed)
        for index in stride(from: all.count - 1, to: 0, by: -1) {
            all.swapAt(index, Int(random.next() % UInt64(index + 1)))
        }
        severities = all
    }

    func count(_ severity: Severity) -> Int { severities.count { $0 == severity } }

    static func deviceID(_ index: Int) -> String {
        let number = String(index % devices + 1)
        return "r" + String(repeating: "0", count: 3 - number.count) + number
    }

    /// The `index`-th event of the flood, as a device tracker would hand it to the router.
    func event(_ index: Int, site: String) -> Event {
        let severity = severities[index]
        let share = Self.shares.first { $0.severity == severity }!
        let device = index % Self.devices
        return Event(
            site: site, device: Self.deviceID(index), point: share.point, kind: share.kind,
            state: severity == .critical || index % 2 == 0 ? .active : .cleared, severity: severity, timestamp: WallClock.nowMilliseconds(),
            location: "教学楼 Block \(device / 40 + 1) room \(device % 40 + 1)", cameras: severity <= .minor ? [] : ["cam-\(device + 1)"])
    }
}
