import GatewayCore
import SiteConfig
import Testing

@testable import Polling

@Suite struct RequestPlannerTests {
    func point(_ id: String, _ table: ModbusTable, _ address: Int, _ type: PointSpec.ValueType = .u16, bit: Int? = nil) -> PointSpec {
        PointSpec(id: id, table: table, address: address, type: table.holdsBits ? .bool : type, bit: bit)
    }

    @Test func adjacentPointsShareOneRequest() {
        let points = (0..<8).map { point("z\($0)", .discreteInput, $0) }
        let plan = RequestPlanner().plan(points)
        #expect(plan.requests.count == 1)
        #expect(plan.requests[0].address == 0 && plan.requests[0].count == 8)
        #expect(plan.requests[0].slots.map(\.offset) == Array(0..<8))
    }

    @Test func tablesAreNeverMixed() {
        let points = [point("a", .coil, 0), point("b", .discreteInput, 0), point("c", .holdingRegister, 0), point("d", .inputRegister, 0)]
        let plan = RequestPlanner().plan(points)
        #expect(plan.requests.map(\.table) == [.coil, .discreteInput, .holdingRegister, .inputRegister])
    }

    @Test func smallGapsAreReadLargeGapsSplit() {
        let planner = RequestPlanner(maxBitGap: 64, maxRegisterGap: 16)
        let near = planner.plan([point("a", .inputRegister, 0), point("b", .inputRegister, 10)])
        #expect(near.requests.count == 1 && near.requests[0].count == 11)
        let far = planner.plan([point("a", .inputRegister, 0), point("b", .inputRegister, 100)])
        #expect(far.requests.count == 2)
        #expect(far.itemCount == 2)
    }

    @Test func thirtyTwoBitPointsSpanTwoRegisters() {
        let plan = RequestPlanner().plan([point("f", .holdingRegister, 4, .f32), point("g", .holdingRegister, 6, .u32)])
        #expect(plan.requests.count == 1)
        #expect(plan.requests[0].address == 4 && plan.requests[0].count == 4)
        #expect(plan.requests[0].slots.map(\.offset) == [0, 2])
    }

    @Test func registerRequestsRespectTheModbusLimit() {
        let points = (0..<300).map { point("r\($0)", .holdingRegister, $0) }
        let plan = RequestPlanner().plan(points)
        #expect(plan.requests.allSatisfy { $0.count <= 125 })
        #expect(plan.requests.map(\.count) == [125, 125, 50])
        #expect(plan.requests.flatMap(\.slots).count == 300)
    }

    @Test func bitRequestsRespectTheModbusLimit() {
        let points = (0..<4100).map { point("b\($0)", .coil, $0) }
        let plan = RequestPlanner().plan(points)
        #expect(plan.requests.map(\.count) == [2000, 2000, 100])
    }

    @Test func bitsOfOneRegisterShareIt() {
        let points = (0..<4).map { (b: Int) in point("s\(b)", .inputRegister, 0, .bit, bit: b) }
        let plan = RequestPlanner().plan(points)
        #expect(plan.requests.count == 1 && plan.requests[0].count == 1)
        #expect(plan.requests[0].slots.map(\.point) == [0, 1, 2, 3])
    }

    @Test func unsortedProfilesPlanTheSame() {
        let a = RequestPlanner().plan([point("a", .inputRegister, 5), point("b", .inputRegister, 1)])
        #expect(a.requests[0].address == 1 && a.requests[0].count == 5)
        #expect(a.requests[0].slots == [.init(point: 1, offset: 0), .init(point: 0, offset: 4)])
    }
}
