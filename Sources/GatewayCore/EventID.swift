#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Time-ordered unique event ids: UUID version 7 (RFC 9562), 48 bits of milliseconds then
/// 74 random bits, so ids sort by creation time and never collide across restarts.
public struct EventIDGenerator: Sendable {
    public init() {}

    public func next(milliseconds: Int64 = WallClock.nowMilliseconds()) -> String {
        var rng = SystemRandomNumberGenerator()
        let random = rng.next() as UInt64
        let random2 = rng.next() as UInt64
        var bytes = [UInt8](repeating: 0, count: 16)
        let ms = UInt64(max(0, milliseconds))
        for i in 0..<6 { bytes[i] = UInt8(truncatingIfNeeded: ms >> (8 * (5 - i))) }
        bytes[6] = 0x70 | UInt8(truncatingIfNeeded: random & 0x0F)
        bytes[7] = UInt8(truncatingIfNeeded: random >> 8)
        bytes[8] = 0x80 | UInt8(truncatingIfNeeded: (random >> 16) & 0x3F)
        for i in 9..<16 { bytes[i] = UInt8(truncatingIfNeeded: random2 >> (8 * (i - 9))) }
        return Self.format(bytes)
    }

    static func format(_ b: [UInt8]) -> String {
        let hex: [UInt8] = Array("0123456789abcdef".utf8)
        var out = [UInt8]()
        out.reserveCapacity(36)
        for (i, byte) in b.enumerated() {
            if i == 4 || i == 6 || i == 8 || i == 10 { out.append(0x2D) }
            out.append(hex[Int(byte >> 4)])
            out.append(hex[Int(byte & 0x0F)])
        }
        return String(decoding: out, as: UTF8.self)
    }
}
