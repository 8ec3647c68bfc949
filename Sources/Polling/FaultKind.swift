import Modbus

/// Why a Modbus request failed, as counted per line and named in `device.offline` reasons.
public enum FaultKind: String, Sendable, CaseIterable, Hashable {
    /// No answer within the response timeout.
    case timeout
    /// The device answered with a Modbus exception: it is there, but refused the request.
    case exception
    /// An RTU answer whose CRC was wrong (noise on the line, two devices answering).
    case crc
    /// An answer of the wrong shape: wrong length, unit, function or transaction.
    case garbled
    /// No connection: refused, reset, no such serial device.
    case connection
    /// Anything else (a request the gateway itself refused to send).
    case other

    init(_ error: ModbusError) {
        switch error.kind {
        case .timeout: self = .timeout
        case .exception: self = .exception
        case .invalidResponse: self = error.isBadCRC ? .crc : .garbled
        case .connection: self = .connection
        case .other: self = .other
        }
    }

    /// Faults that mean the device did not give an answer: they count toward `device.offline`.
    /// An exception is an answer, so the device is online but reported as refusing.
    var countsTowardOffline: Bool { self != .exception }
}
