/// A time-ordered unique event id: a UUID version 7 (RFC 9562), 48 bits of Unix
/// milliseconds then 74 random bits, so ids sort by creation time and never collide across
/// restarts.
///
/// Kept as 16 bytes rather than its 36-character text, so stamping an event never
/// allocates; `description` renders the usual lowercase hyphenated UUID text.
public struct EventID: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The first and last 8 bytes, big-endian: comparing them compares the UUIDs' bytes.
    public let high: UInt64
    public let low: UInt64

    /// The all-zero id of an event no router has stamped yet.
    public static let none = EventID(high: 0, low: 0)

    public init(high: UInt64, low: UInt64) {
        self.high = high
        self.low = low
    }

    /// Parses the 36-character text form (either case); nil when it is not one.
    public init?(_ text: String) {
        var digits: [UInt64] = []
        for (offset, byte) in text.utf8.enumerated() {
            if offset == 8 || offset == 13 || offset == 18 || offset == 23 {
                guard byte == UInt8(ascii: "-") else { return nil }
                continue
            }
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digits.append(UInt64(byte - UInt8(ascii: "0")))
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digits.append(UInt64(byte - UInt8(ascii: "a") + 10))
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digits.append(UInt64(byte - UInt8(ascii: "A") + 10))
            default: return nil
            }
        }
        guard digits.count == 32, text.utf8.count == 36 else { return nil }
        high = digits[0..<16].reduce(0) { $0 << 4 | $1 }
        low = digits[16..<32].reduce(0) { $0 << 4 | $1 }
    }

    /// Unix milliseconds when the id was made.
    public var milliseconds: Int64 { Int64(high >> 16) }

    public var isNone: Bool { high == 0 && low == 0 }

    public static func < (a: EventID, b: EventID) -> Bool {
        (a.high, a.low) < (b.high, b.low)
    }

    public var description: String {
        String(unsafeUninitializedCapacity: 36) { buffer in
            let hex: StaticString = "0123456789abcdef"
            var at = 0
            for index in 0..<32 {
                if index == 8 || index == 12 || index == 16 || index == 20 {
                    buffer[at] = UInt8(ascii: "-")
                    at += 1
                }
                let word = index < 16 ? high : low
                let nibble = Int(truncatingIfNeeded: word >> UInt64(4 * (15 - index % 16))) & 0xF
                buffer[at] = hex.utf8Start[nibble]
                at += 1
            }
            return at
        }
    }
}

/// Makes `EventID`s. The 74 random bits come from a small generator (xoshiro256**) seeded
/// from the system's random source: one `getrandom` per event would cost more than the
/// rest of routing. Not thread-safe: its owner (the router) calls it under its own lock.
public struct EventIDGenerator: Sendable {
    private var state: (UInt64, UInt64, UInt64, UInt64)

    public init() {
        var system = SystemRandomNumberGenerator()
        state = (system.next(), system.next(), system.next(), system.next())
        if state == (0, 0, 0, 0) { state.0 = 1 }
    }

    public mutating func next(milliseconds: Int64 = WallClock.nowMilliseconds()) -> EventID {
        let random = nextRandom()
        let random2 = nextRandom()
        let ms = UInt64(max(0, milliseconds)) & 0xFFFF_FFFF_FFFF
        // 48 bits of time, version 7, 12 random bits; variant 0b10, 62 random bits.
        let high = ms << 16 | 0x7000 | (random & 0x0FFF)
        let low = 0x8000_0000_0000_0000 | (random2 >> 2)
        return EventID(high: high, low: low)
    }

    private mutating func nextRandom() -> UInt64 {
        let result = rotate(state.1 &* 5, 7) &* 9
        let t = state.1 << 17
        state.2 ^= state.0
        state.3 ^= state.1
        state.1 ^= state.2
        state.0 ^= state.3
        state.2 ^= t
        state.3 = rotate(state.3, 45)
        return result
    }

    private func rotate(_ x: UInt64, _ k: UInt64) -> UInt64 { (x << k) | (x >> (64 - k)) }
}
