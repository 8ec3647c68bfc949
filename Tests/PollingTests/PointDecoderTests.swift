import GatewayCore
import SiteConfig
import Testing

@testable import Polling

@Suite struct PointDecoderTests {
    func spec(_ type: PointSpec.ValueType, table: ModbusTable = .holdingRegister, bit: Int? = nil,
              order: PointSpec.WordOrder = .highFirst, active: PointSpec.Active = .high,
              scale: Double = 1, offset: Double = 0) -> PointSpec {
        PointSpec(id: "p", table: table, address: 0, type: type, bit: bit, wordOrder: order, active: active, scale: scale, offset: offset)
    }

    @Test func boolFromBitTableHonoursActiveLevel() {
        let high = spec(.bool, table: .discreteInput)
        let low = spec(.bool, table: .discreteInput, active: .low)
        #expect(PointDecoder.decode(high, bits: [0, 1], offset: 1) == .bool(true))
        #expect(PointDecoder.decode(high, bits: [0, 1], offset: 0) == .bool(false))
        #expect(PointDecoder.decode(low, bits: [0, 1], offset: 1) == .bool(false))
        #expect(PointDecoder.decode(low, bits: [0, 1], offset: 0) == .bool(true))
    }

    @Test(arguments: 0..<16)
    func everyBitOfARegister(bit: Int) {
        let register = UInt16(1) << UInt16(bit)
        #expect(PointDecoder.decode(spec(.bit, bit: bit), registers: [register], offset: 0) == .bool(true))
        #expect(PointDecoder.decode(spec(.bit, bit: bit), registers: [~register], offset: 0) == .bool(false))
        #expect(PointDecoder.decode(spec(.bit, bit: bit, active: .low), registers: [register], offset: 0) == .bool(false))
    }

    @Test func sixteenBitTypes() {
        #expect(PointDecoder.decode(spec(.u16), registers: [0xFFFF], offset: 0) == .int(65535))
        #expect(PointDecoder.decode(spec(.i16), registers: [0xFFFF], offset: 0) == .int(-1))
        #expect(PointDecoder.decode(spec(.i16), registers: [0x8000], offset: 0) == .int(-32768))
        #expect(PointDecoder.decode(spec(.u16, scale: 0.1), registers: [0, 235], offset: 1) == .double(23.5))
        #expect(PointDecoder.decode(spec(.i16, scale: 0.5, offset: -10), registers: [0xFFFE], offset: 0) == .double(-11))
    }

    @Test func thirtyTwoBitTypesInBothWordOrders() {
        // 0x0001_0002 = 65538
        #expect(PointDecoder.decode(spec(.u32), registers: [0x0001, 0x0002], offset: 0) == .int(65538))
        #expect(PointDecoder.decode(spec(.u32, order: .lowFirst), registers: [0x0002, 0x0001], offset: 0) == .int(65538))
        #expect(PointDecoder.decode(spec(.u32), registers: [0xFFFF, 0xFFFF], offset: 0) == .int(4_294_967_295))
        #expect(PointDecoder.decode(spec(.i32), registers: [0xFFFF, 0xFFFE], offset: 0) == .int(-2))
        #expect(PointDecoder.decode(spec(.i32, order: .lowFirst), registers: [0xFFFE, 0xFFFF], offset: 0) == .int(-2))
    }

    @Test func floatInBothWordOrdersWithScale() {
        let bits = Float(12.5).bitPattern
        let high = UInt16(bits >> 16), low = UInt16(bits & 0xFFFF)
        #expect(PointDecoder.decode(spec(.f32), registers: [9, high, low], offset: 1) == .double(12.5))
        #expect(PointDecoder.decode(spec(.f32, order: .lowFirst), registers: [low, high], offset: 0) == .double(12.5))
        #expect(PointDecoder.decode(spec(.f32, scale: 2, offset: 1), registers: [high, low], offset: 0) == .double(26))
        // The wrong word order gives a different number: the option matters.
        #expect(PointDecoder.decode(spec(.f32, order: .lowFirst), registers: [high, low], offset: 0) != .double(12.5))
    }

    @Test func boolInRegisterTableIsNonZero() {
        #expect(PointDecoder.decode(spec(.bool), registers: [7], offset: 0) == .bool(true))
        #expect(PointDecoder.decode(spec(.bool), registers: [0], offset: 0) == .bool(false))
    }
}
