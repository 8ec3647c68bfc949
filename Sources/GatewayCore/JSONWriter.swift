/// A small JSON writer for the gateway's own messages. Events are encoded on the path from
/// device to broker, so this appends bytes to one buffer with no intermediate objects.
public struct JSONWriter: Sendable {
    public private(set) var bytes: [UInt8] = []
    private var needsComma: [Bool] = []

    public init(capacity: Int = 512) { bytes.reserveCapacity(capacity) }

    public mutating func beginObject() { separate(); bytes.append(UInt8(ascii: "{")); needsComma.append(false) }
    public mutating func endObject() { bytes.append(UInt8(ascii: "}")); needsComma.removeLast() }
    public mutating func beginArray() { separate(); bytes.append(UInt8(ascii: "[")); needsComma.append(false) }
    public mutating func endArray() { bytes.append(UInt8(ascii: "]")); needsComma.removeLast() }

    /// Writes `"name":` inside an object; the value call that follows adds no comma.
    public mutating func key(_ name: String) {
        separate()
        appendString(name)
        bytes.append(UInt8(ascii: ":"))
        if !needsComma.isEmpty { needsComma[needsComma.count - 1] = false }
    }

    public mutating func string(_ s: String) { separate(); appendString(s) }
    public mutating func bool(_ b: Bool) { separate(); bytes.append(contentsOf: (b ? "true" : "false").utf8) }
    public mutating func int(_ i: Int64) { separate(); bytes.append(contentsOf: String(i).utf8) }
    public mutating func null() { separate(); bytes.append(contentsOf: "null".utf8) }
    public mutating func double(_ d: Double) {
        separate()
        // JSON has no NaN or infinity; a broken sensor must not produce unparseable output.
        if d.isFinite {
            if d == d.rounded(), abs(d) < 1e15 { bytes.append(contentsOf: String(Int64(d)).utf8) }
            else { bytes.append(contentsOf: String(d).utf8) }
        } else {
            bytes.append(contentsOf: "null".utf8)
        }
    }

    public mutating func value(_ v: PointValue) {
        switch v {
        case .bool(let b): bool(b)
        case .int(let i): int(i)
        case .double(let d): double(d)
        }
    }

    public mutating func field(_ name: String, _ s: String) { key(name); string(s) }
    public mutating func field(_ name: String, _ i: Int64) { key(name); int(i) }
    public mutating func field(_ name: String, _ b: Bool) { key(name); bool(b) }

    private mutating func separate() {
        guard !needsComma.isEmpty else { return }
        if needsComma[needsComma.count - 1] { bytes.append(UInt8(ascii: ",")) }
        needsComma[needsComma.count - 1] = true
    }

    private mutating func appendString(_ s: String) {
        bytes.append(UInt8(ascii: "\""))
        for byte in s.utf8 {
            switch byte {
            case UInt8(ascii: "\""): bytes.append(contentsOf: [0x5C, 0x22])
            case UInt8(ascii: "\\"): bytes.append(contentsOf: [0x5C, 0x5C])
            case 0x0A: bytes.append(contentsOf: [0x5C, UInt8(ascii: "n")])
            case 0x0D: bytes.append(contentsOf: [0x5C, UInt8(ascii: "r")])
            case 0x09: bytes.append(contentsOf: [0x5C, UInt8(ascii: "t")])
            case 0..<0x20:
                let hex: [UInt8] = Array("0123456789abcdef".utf8)
                bytes.append(contentsOf: [0x5C, UInt8(ascii: "u"), 0x30, 0x30, hex[Int(byte >> 4)], hex[Int(byte & 0x0F)]])
            default: bytes.append(byte)
            }
        }
        bytes.append(UInt8(ascii: "\""))
    }
}
