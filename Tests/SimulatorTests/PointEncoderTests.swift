import GatewayCore
import SiteConfig
import Testing

@testable import Simulator

@Suite("PointEncoder")
struct PointEncoderTests {
    func point(_ type: PointSpec.ValueType, _ table: ModbusTable = .holdingRegister, order: PointSpec.WordOrder = .highFirst,
               active: PointSpec.Active = .high, bit: Int? = nil, scale: Double = 1, offset: Double = 0) -> PointSpec {
        PointSpec(id: "p", table: table, address: 0, type: type, bit: bit, wordOrder: order, active: active, scale: scale, offset: offset)
    }

    @Test func numericEncodings() throws {
        #expect(try PointEncoder.encode(23.5, for: point(.u16, scale: 0.1)) == .registers([235]))
        #expect(try PointEncoder.encode(-1, for: point(.i16)) == .registers([0xFFFF]))
        #expect(try PointEncoder.encode(0x12345678, for: point(.u32)) == .registers([0x1234, 0x5678]))
        #expect(try PointEncoder.encode(0x12345678, for: point(.u32, order: .lowFirst)) == .registers([0x5678, 0x1234]))
        #expect(try PointEncoder.encode(-2, for: point(.i32)) == .registers([0xFFFF, 0xFFFE]))
        #expect(try PointEncoder.encode(1, for: point(.f32)) == .registers([0x3F80, 0x0000]))
        #expect(try PointEncoder.encode(1, for: point(.f32, order: .lowFirst)) == .registers([0x0000, 0x3F80]))
        #expect(try PointEncoder.encode(25, for: point(.u16, scale: 0.5, offset: 5)) == .registers([40]))
    }

    @Test func binaryEncodings() throws {
        #expect(try PointEncoder.encode(active: true, for: point(.bool, .coil)) == .bit(true))
        #expect(try PointEncoder.encode(active: true, for: point(.bool, .discreteInput, active: .low)) == .bit(false))
        #expect(try PointEncoder.encode(active: false, for: point(.bit, active: .low, bit: 5)) == .registerBit(bit: 5, true))
        #expect(try PointEncoder.encode(2, for: point(.bool)) == .registers([1]))
        #expect(try PointEncoder.encode(0, for: point(.bool)) == .registers([0]))
    }

    @Test func decodingInvertsEncoding() throws {
        let cases: [(PointSpec, Double)] = [
            (point(.u16, scale: 0.5), 32767.5),
            (point(.i16, scale: 0.5, offset: -10), -16394),
            (point(.u32, order: .lowFirst), 4_294_967_295),
            (point(.i32), -2_147_483_648),
            (point(.f32, scale: 2, offset: 1), 44),
        ]
        for (spec, value) in cases {
            guard case .registers(let words) = try PointEncoder.encode(value, for: spec) else {
                Issue.record("expected registers for \(spec.type)")
                continue
            }
            #expect(PointEncoder.decode(registers: words, for: spec) == value)
        }
        #expect(PointEncoder.decode(level: false, for: point(.bool, active: .low)) == 1)
        #expect(PointEncoder.decode(level: true, for: point(.bool, active: .low)) == 0)
    }

    @Test func refusesWhatDoesNotFit() {
        let refused: [(PointSpec, Double)] = [
            (point(.u16), -1), (point(.u16), 65536), (point(.i16), 32768), (point(.u32), -1),
            (point(.i32), 2_147_483_648), (point(.f32), 1e39), (point(.u16), .infinity),
            (point(.u16, .coil), 1), (point(.u16, scale: 0), 1),
        ]
        for (spec, value) in refused {
            #expect(throws: SimulatorError.self) { try PointEncoder.encode(value, for: spec) }
        }
        #expect(throws: SimulatorError.self) { try PointEncoder.encode(active: true, for: point(.u16)) }
        #expect(throws: SimulatorError.self) { try PointEncoder.encode(active: true, for: point(.bit, bit: 16)) }
    }

    @Test func formatsIntegersWithoutFraction() {
        #expect(PointEncoder.format(1) == "1")
        #expect(PointEncoder.format(-0.0) == "0")
        #expect(PointEncoder.format(23.5) == "23.5")
        #expect(PointEncoder.format(-20) == "-20")
    }
}
