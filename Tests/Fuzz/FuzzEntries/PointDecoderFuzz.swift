import GatewayCore
import Polling
import SiteConfig
import Simulator

/// Fuzzes the Modbus point decoder with a point spec and a block of words taken from the
/// input. Layout: type, flags (active low, low word first, table, scaled), bit, the point's
/// offset in the block, scale and offset (8 bytes each, when scaled), then the block: one
/// byte per bit for a bit table, big-endian register words otherwise.
///
/// Only specs a profile can declare are built (bit 0–15, finite scale and offset, `bool`
/// in bit tables). The decoder must read only the point's own words, agree with the
/// simulator's independent decoding, and survive a round trip through the simulator's encoder.
public enum PointDecoderFuzz {
    public static func run(_ data: [UInt8]) {
        var input = data[...]
        guard let typeByte = input.popFirst(), let flags = input.popFirst(), let bit = input.popFirst(),
              let position = input.popFirst()
        else { return }
        let table = ModbusTable.allCases[Int(flags >> 2) & 3]
        let type = table.holdsBits ? .bool : PointSpec.ValueType.allCases[Int(typeByte) % PointSpec.ValueType.allCases.count]
        var spec = PointSpec(
            id: "point", table: table, address: 0, type: type, bit: type == .bit ? Int(bit % 16) : nil,
            wordOrder: flags & 2 == 0 ? .highFirst : .lowFirst, active: flags & 1 == 0 ? .high : .low)
        if flags & 16 != 0, type != .bool, type != .bit {
            spec.scale = finite(&input, otherwise: 1)
            spec.offset = finite(&input, otherwise: 0)
        }

        if table.holdsBits {
            let bits = Array(input)
            guard !bits.isEmpty else { return }
            let offset = Int(position) % bits.count
            let value = PointDecoder.decode(spec, bits: bits, offset: offset)
            precondition(same(value, PointDecoder.decode(spec, bits: [bits[offset]], offset: 0)), "read outside its bit")
            roundTrip(value, spec, own: [bits[offset] != 0 ? 1 : 0])
            return
        }
        let registers = stride(from: input.startIndex, to: input.endIndex - 1, by: 2).map { UInt16(input[$0]) << 8 | UInt16(input[$0 + 1]) }
        guard registers.count >= spec.span else { return }
        let offset = Int(position) % (registers.count - spec.span + 1)
        let own = Array(registers[offset..<offset + spec.span])
        let value = PointDecoder.decode(spec, registers: registers, offset: offset)
        precondition(same(value, PointDecoder.decode(spec, registers: own, offset: 0)), "read outside its \(spec.span) registers")
        if !spec.isBinary {
            let simulator = PointEncoder.decode(registers: own, for: spec)
            precondition(same(.double(simulator), .double(number(value))), "decoded \(value), the simulator \(simulator)")
        }
        roundTrip(value, spec, own: own)
    }

    /// Encodes `value` back with the simulator's encoder and decodes it again; integers
    /// unscaled must give back the very words. Scaled values are left out: their float
    /// arithmetic need not invert exactly.
    static func roundTrip(_ value: PointValue, _ spec: PointSpec, own: [UInt16]) {
        guard spec.isBinary || (spec.scale == 1 && spec.offset == 0), number(value).isFinite else { return }
        let encoding: PointEncoder.Encoding
        do {
            encoding = try PointEncoder.encode(number(value), for: spec)
        } catch {
            preconditionFailure("\(value) decoded from \(own) does not encode: \(error)")
        }
        let again: PointValue
        switch encoding {
        case .bit(let level):
            again = PointDecoder.decode(spec, bits: [level ? 1 : 0], offset: 0)
        case .registerBit(let bit, let level):
            let word = level ? own[0] | 1 << UInt16(bit) : own[0] & ~(1 << UInt16(bit))
            precondition(word == own[0], "bit \(bit) of \(own[0]) re-encoded as \(word)")
            again = PointDecoder.decode(spec, registers: [word], offset: 0)
        case .registers(let words):
            if spec.type != .bool && spec.type != .f32 { precondition(words == own, "\(own) re-encoded as \(words)") }
            again = PointDecoder.decode(spec, registers: words, offset: 0)
        }
        precondition(same(again, value), "\(value) came back as \(again)")
    }

    static func finite(_ input: inout ArraySlice<UInt8>, otherwise fallback: Double) -> Double {
        guard input.count >= 8 else { return fallback }
        let bits = input.prefix(8).reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
        input = input.dropFirst(8)
        let value = Double(bitPattern: bits)
        return value.isFinite ? value : fallback
    }

    static func number(_ value: PointValue) -> Double {
        switch value {
        case .bool(let on): on ? 1 : 0
        case .int(let int): Double(int)
        case .double(let double): double
        }
    }

    /// Equality that counts a NaN as equal to itself.
    static func same(_ a: PointValue, _ b: PointValue) -> Bool {
        if case .double(let x) = a, case .double(let y) = b { return x.bitPattern == y.bitPattern || (x.isNaN && y.isNaN) }
        return a == b
    }
}

