import GatewayCore
import SiteConfig

/// How a point's value is laid out in a device's tables, both ways: the simulator writes with
/// `encode` and reads back with `decode`, following the profile exactly as a gateway reads
/// it (active level, scale and offset, 32-bit word order).
public enum PointEncoder {
    /// Where and what to write for one point.
    public enum Encoding: Sendable, Equatable {
        /// A coil or discrete input, at the point's address.
        case bit(Bool)
        /// One bit of the register at the point's address (`type: bit`); the register's other
        /// bits are left alone.
        case registerBit(bit: Int, Bool)
        /// Whole registers from the point's address on.
        case registers([UInt16])
    }

    /// `value` as the point stores it. Binary points: nonzero means active, stored at the
    /// active level (`active: low` stores 0). Numeric points: raw = (value − offset) / scale,
    /// rounded for integer types, then u16/i16/u32/i32/f32 in the point's word order.
    public static func encode(_ value: Double, for point: PointSpec) throws(SimulatorError) -> Encoding {
        guard value.isFinite else {
            throw SimulatorError("value for \(point.id) must be a finite number, got \(value)")
        }
        if point.isBinary { return try encode(active: value != 0, for: point) }
        guard !point.table.holdsBits else {
            throw SimulatorError("point \(point.id) is \(point.type.rawValue) but lives in the \(point.table.rawValue) table, which holds bits")
        }
        guard point.scale != 0, point.scale.isFinite else {
            throw SimulatorError("point \(point.id) has scale \(point.scale): cannot encode a value")
        }
        let raw = (value - point.offset) / point.scale
        switch point.type {
        case .u16:
            return .registers([UInt16(try integer(raw, in: 0...65535, point, value))])
        case .i16:
            return .registers([UInt16(bitPattern: Int16(try integer(raw, in: -32768...32767, point, value)))])
        case .u32:
            return .registers(words(UInt32(try integer(raw, in: 0...4_294_967_295, point, value)), point.wordOrder))
        case .i32:
            let signed = Int32(try integer(raw, in: -2_147_483_648...2_147_483_647, point, value))
            return .registers(words(UInt32(bitPattern: signed), point.wordOrder))
        case .f32:
            let single = Float(raw)
            guard single.isFinite else {
                throw SimulatorError("value \(format(value)) for \(point.id) does not fit a 32-bit float")
            }
            return .registers(words(single.bitPattern, point.wordOrder))
        case .bool, .bit:
            preconditionFailure("binary points are encoded above")
        }
    }

    /// The active or inactive state of a bool/bit point, at the point's active level.
    public static func encode(active: Bool, for point: PointSpec) throws(SimulatorError) -> Encoding {
        guard point.isBinary else {
            throw SimulatorError("point \(point.id) is \(point.type.rawValue), not bool or bit: use set with a number")
        }
        let level = active == (point.active == .high)
        if point.table.holdsBits { return .bit(level) }
        if point.type == .bit {
            let bit = point.bit ?? 0
            guard (0...15).contains(bit) else { throw SimulatorError("point \(point.id) has bit \(bit), outside 0–15") }
            return .registerBit(bit: bit, level)
        }
        return .registers([level ? 1 : 0])
    }

    /// The value of a bool/bit point read as `level` (the bit, or the register ≠ 0): 1 when
    /// active, 0 when not.
    public static func decode(level: Bool, for point: PointSpec) -> Double {
        level == (point.active == .high) ? 1 : 0
    }

    /// The value of a numeric point from its registers (`point.type.registerCount` of them):
    /// raw × scale + offset.
    public static func decode(registers: [UInt16], for point: PointSpec) -> Double {
        let raw: Double
        switch point.type {
        case .u16: raw = Double(registers[0])
        case .i16: raw = Double(Int16(bitPattern: registers[0]))
        case .u32: raw = Double(joined(registers, point.wordOrder))
        case .i32: raw = Double(Int32(bitPattern: joined(registers, point.wordOrder)))
        case .f32: raw = Double(Float(bitPattern: joined(registers, point.wordOrder)))
        case .bool, .bit: raw = registers[0] != 0 ? 1 : 0
        }
        return raw * point.scale + point.offset
    }

    /// A value as the control protocol prints it: integers without a fraction.
    public static func format(_ value: Double) -> String {
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        return String(value)
    }

    private static func integer(_ raw: Double, in range: ClosedRange<Int64>, _ point: PointSpec, _ value: Double) throws(SimulatorError) -> Int64 {
        let rounded = raw.rounded()
        guard rounded >= Double(range.lowerBound), rounded <= Double(range.upperBound) else {
            throw SimulatorError(
                "value \(format(value)) for \(point.id) gives raw \(format(rounded)), outside \(point.type.rawValue) (\(range.lowerBound)…\(range.upperBound))"
            )
        }
        return Int64(rounded)
    }

    private static func words(_ value: UInt32, _ order: PointSpec.WordOrder) -> [UInt16] {
        let high = UInt16(value >> 16), low = UInt16(value & 0xFFFF)
        return order == .highFirst ? [high, low] : [low, high]
    }

    private static func joined(_ registers: [UInt16], _ order: PointSpec.WordOrder) -> UInt32 {
        let (high, low) = order == .highFirst ? (registers[0], registers[1]) : (registers[1], registers[0])
        return UInt32(high) << 16 | UInt32(low)
    }
}
