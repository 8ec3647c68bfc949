/// Framing of Modbus RTU requests as a server reads them off a serial line: how long a
/// request is, judged from its function code, and its CRC.
enum RTUFrame {
    enum Length: Equatable {
        /// The request is this many bytes, CRC included.
        case complete(Int)
        /// More bytes are needed to tell.
        case needMore
        /// The function code does not fix the length: the frame ends at the next silence.
        case unknown
    }

    /// The length of the request at the start of `bytes`.
    static func requestLength(_ bytes: ArraySlice<UInt8>) -> Length {
        guard bytes.count >= 2 else { return .needMore }
        let base = bytes.startIndex
        switch bytes[base + 1] {
        case 0x01...0x06, 0x08:
            // unit, function, address (2), count or value (2), CRC (2)
            return .complete(8)
        case 0x07, 0x0B, 0x0C, 0x11:
            return .complete(4)
        case 0x0F, 0x10:
            // unit, function, address (2), count (2), byte count, data, CRC (2)
            guard bytes.count >= 7 else { return .needMore }
            return .complete(9 + Int(bytes[base + 6]))
        case 0x16:
            return .complete(10)
        case 0x17:
            guard bytes.count >= 11 else { return .needMore }
            return .complete(13 + Int(bytes[base + 10]))
        default:
            return .unknown
        }
    }

    /// CRC-16/MODBUS (polynomial 0xA001 reflected, initial 0xFFFF).
    static func crc(_ bytes: ArraySlice<UInt8>) -> UInt16 {
        var crc: UInt16 = 0xFFFF
        for byte in bytes {
            crc ^= UInt16(byte)
            for _ in 0..<8 {
                crc = crc & 1 != 0 ? (crc >> 1) ^ 0xA001 : crc >> 1
            }
        }
        return crc
    }

    /// Whether the last two bytes are the CRC of the others (low byte first, as sent).
    static func hasValidCRC(_ frame: ArraySlice<UInt8>) -> Bool {
        guard frame.count >= 4 else { return false }
        let crc = Self.crc(frame.dropLast(2))
        return frame[frame.endIndex - 2] == UInt8(crc & 0xFF) && frame[frame.endIndex - 1] == UInt8(crc >> 8)
    }
}
