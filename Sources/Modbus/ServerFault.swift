/// A misbehaviour a simulated unit can be told to show, so the gateway's fault handling is
/// tested against real frames on a real socket or line.
public enum ServerFault: Sendable, Equatable, CustomStringConvertible {
    /// Answer with this Modbus exception code (4: server device failure, 6: busy, …).
    case exception(UInt8)
    /// Answer with a well-formed frame of the wrong function: a garbled answer.
    case garble
    /// RTU: answer with a wrong CRC. On TCP, which has no CRC, the same as `garble`.
    case badCRC
    /// Answer correctly, but only after this delay (the server's thread waits: a converter
    /// with a slow device behind it holds up its other units the same way).
    case slow(Duration)

    public var description: String {
        switch self {
        case .exception(let code): "exception \(code)"
        case .garble: "garble"
        case .badCRC: "crc"
        case .slow(let delay): "slow \(delay.components.seconds * 1000 + delay.components.attoseconds / 1_000_000_000_000_000)ms"
        }
    }
}
