/// A failed Modbus operation, with the errno libmodbus reported converted to text on the
/// thread that saw it (`modbus_strerror` is not thread-safe).
public struct ModbusError: Error, Sendable, CustomStringConvertible, Equatable {
    public enum Kind: Sendable, Equatable {
        /// No answer within the response timeout.
        case timeout
        /// Could not connect, or the connection broke (refused, reset, no route, no such port).
        case connection
        /// The device answered with a Modbus exception (1 illegal function, 2 illegal data
        /// address, 3 illegal data value, 4 device failure, 6 busy, …).
        case exception(UInt8)
        /// A frame arrived but was wrong: bad CRC, wrong length, wrong unit or transaction.
        case invalidResponse
        /// Anything else (bad argument, out of memory).
        case other
    }

    public var kind: Kind
    public var errno: Int32
    public var message: String

    public init(kind: Kind, errno: Int32, message: String) {
        self.kind = kind
        self.errno = errno
        self.message = message
    }

    public var description: String { message }
}

extension ModbusError {
    /// An RTU answer arrived with a wrong CRC (as opposed to a frame of the wrong shape).
    public var isBadCRC: Bool { errno == LibmodbusErrno.badCRC }
}
