import GatewayCore
import SiteConfig

/// Coalesces a device's points into as few read requests as the tables, the size limits
/// and the address gaps allow.
///
/// Reading a few unused addresses is cheaper than a second round trip (a request costs a
/// whole transaction: 5–30 ms on RS-485 at 9600 baud), so points closer than `maxGap` are
/// read together. Requests never exceed the table's limit (2000 bits, 125 registers) nor the
/// device's own cap, and never cover a prohibited address: the gap filler would read it.
public struct RequestPlanner: Sendable {
    /// Largest run of unused bits read to join two points.
    public var maxBitGap: Int
    /// Largest run of unused registers read to join two points.
    public var maxRegisterGap: Int
    /// Most registers / bits per request (a device's `max_registers`, `max_bits`).
    public var maxRegisters: Int
    public var maxBits: Int
    /// Addresses a request must never include.
    public var prohibited: [AddressRange]

    public init(
        maxBitGap: Int = 64, maxRegisterGap: Int = 16, maxRegisters: Int = 125, maxBits: Int = 2000,
        prohibited: [AddressRange] = []
    ) {
        self.maxBitGap = maxBitGap
        self.maxRegisterGap = maxRegisterGap
        self.maxRegisters = min(maxRegisters, ModbusTable.holdingRegister.maxReadCount)
        self.maxBits = min(maxBits, ModbusTable.coil.maxReadCount)
        self.prohibited = prohibited
    }

    /// The planner for one device: the gateway's gap limits with the profile's caps.
    public init(profile: DeviceProfile) {
        self.init(maxRegisters: profile.maxRegisters, maxBits: profile.maxBits, prohibited: profile.prohibited)
    }

    /// Requests for every point.
    public func plan(_ points: [PointSpec]) -> ReadPlan {
        plan(points, only: Array(points.indices))
    }

    /// Requests for the points at `indices` (one poll group); slots index into `points`.
    public func plan(_ points: [PointSpec], only indices: [Int]) -> ReadPlan {
        var requests: [ReadPlan.Request] = []
        // Table order is fixed so plans are deterministic.
        for table in ModbusTable.allCases {
            let members = indices
                .filter { points[$0].table == table }
                .sorted { (points[$0].address, $0) < (points[$1].address, $1) }
            guard !members.isEmpty else { continue }
            let maxGap = table.holdsBits ? maxBitGap : maxRegisterGap
            let cap = table.holdsBits ? maxBits : maxRegisters
            var current: ReadPlan.Request?
            for index in members {
                let point = points[index]
                let start = point.address, end = point.address + point.span  // end exclusive
                if var request = current {
                    let requestEnd = request.address + request.count
                    let gap = start - requestEnd
                    let newCount = max(requestEnd, end) - request.address
                    let crossesProhibited = gap > 0 && prohibited.contains { $0.overlaps(table, address: requestEnd, count: gap) }
                    if gap <= maxGap && newCount <= cap && !crossesProhibited {
                        request.count = newCount
                        request.slots.append(.init(point: index, offset: start - request.address))
                        current = request
                        continue
                    }
                    requests.append(request)
                }
                current = .init(table: table, address: start, count: end - start, slots: [.init(point: index, offset: 0)])
            }
            if let current { requests.append(current) }
        }
        return ReadPlan(requests: requests)
    }
}
