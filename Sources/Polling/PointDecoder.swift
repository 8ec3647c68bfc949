import GatewayCore
import SiteConfig

/// Turns raw Modbus bits and registers into point values.
///
/// Binary points (`bool`, `bit`) decode to their *logical* state: `true` means the
/// condition the point names is present, whatever the wiring (`active: low` inverts).
/// Numeric points apply `value = raw * scale + offset`; they stay integers when scale is 1
/// and offset 0, so counters and enumerations are published exactly.
public enum PointDecoder {
    /// Decodes a point from a bit-table block; `offset` is the point's index in `bits`.
    public static func decode(_ spec: PointSpec, bits: [UInt8], offset: Int) -> PointValue {
        decode(PointDecoding(spec), bits: bits, offset: offset)
    }

    /// Decodes a point from a register-table block; `offset` is the index of the point's
    /// first register in `registers`.
    public static func decode(_ spec: PointSpec, registers: [UInt16], offset: Int) -> PointValue {
        decode(PointDecoding(spec), registers: registers, offset: offset)
    }

    @inline(__always)
    public static func decode(_ point: PointDecoding, bits: [UInt8], offset: Int) -> PointValue {
        let raw = bits[offset] != 0
        return .bool(point.active == .high ? raw : !raw)
    }

    @inline(__always)
    public static func decode(_ point: PointDecoding, registers: [UInt16], offset: Int) -> PointValue {
        switch point.type {
        case .bool:
            let raw = registers[offset] != 0
            return .bool(point.active == .high ? raw : !raw)
        case .bit:
            let raw = (registers[offset] >> UInt16(point.bit)) & 1 == 1
            return .bool(point.active == .high ? raw : !raw)
        case .u16:
            return scaled(Int64(registers[offset]), point)
        case .i16:
            return scaled(Int64(Int16(bitPattern: registers[offset])), point)
        case .u32:
            return scaled(Int64(word32(registers, offset, point.wordOrder)), point)
        case .i32:
            return scaled(Int64(Int32(bitPattern: word32(registers, offset, point.wordOrder))), point)
        case .f32:
            let f = Float(bitPattern: word32(registers, offset, point.wordOrder))
            return .double(Double(f) * point.scale + point.offset)
        }
    }

    @inline(__always)
    static func word32(_ registers: [UInt16], _ offset: Int, _ order: PointSpec.WordOrder) -> UInt32 {
        let first = UInt32(registers[offset]), second = UInt32(registers[offset + 1])
        return order == .highFirst ? (first << 16) | second : (second << 16) | first
    }

    @inline(__always)
    static func scaled(_ raw: Int64, _ point: PointDecoding) -> PointValue {
        if point.isIdentity { return .int(raw) }
        return .double(Double(raw) * point.scale + point.offset)
    }
}
