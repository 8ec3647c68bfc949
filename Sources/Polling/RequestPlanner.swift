import GatewayCore
import SiteConfig

/// Coalesces a device's points into as few read requests as the tables, the Modbus size
/// limits and the address gaps allow.
///
/// Reading a few unused addresses is cheaper than a second round trip (a request costs a
/// whole transaction: 5–30 ms on RS-485 at 9600 baud), so points closer than `maxGap` are
/// read together. Requests never exceed the table's limit (2000 bits, 125 registers).
public struct RequestPlanner: Sendable {
    /// Largest run of unused bits read to join two points.
    public var maxBitGap: Int
    /// Largest run of unused registers read to join two points.
    public var maxRegisterGap: Int

    public init(maxBitGap: Int = 64, maxRegisterGap: Int = 16) {
        self.maxBitGap = maxBitGap
        self.maxRegisterGap = maxRegisterGap
    }

    public func plan(_ points: [PointSpec]) -> ReadPlan {
        var requests: [ReadPlan.Request] = []
        // Table order is fixed so plans are deterministic.
        for table in ModbusTable.allCases {
            let members = points.indices
                .filter { points[$0].table == table }
                .sorted { (points[$0].address, $0) < (points[$1].address, $1) }
            guard !members.isEmpty else { continue }
            let maxGap = table.holdsBits ? maxBitGap : maxRegisterGap
            var current: ReadPlan.Request?
            for index in members {
                let point = points[index]
                let start = point.address, end = point.address + point.span  // end exclusive
                if var request = current {
                    let requestEnd = request.address + request.count
                    let gap = start - requestEnd
                    let newCount = max(requestEnd, end) - request.address
                    if gap <= maxGap && newCount <= table.maxReadCount {
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
