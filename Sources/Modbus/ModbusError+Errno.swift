#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension ModbusError {
    /// Builds the error for `code` as libmodbus left it in `errno`. Call right after the failed
    /// C call, on the same thread: the text comes from our own table or `strerror_r`, never
    /// from the thread-unsafe `modbus_strerror`/`strerror`.
    static func fromErrno(_ code: Int32, while operation: String) -> ModbusError {
        ModbusError(kind: kind(ofErrno: code), errno: code, message: "\(operation): \(describe(errno: code))")
    }

    /// An error raised by this module itself (bad argument, wrong state).
    static func usage(_ message: String, errno code: Int32 = EINVAL) -> ModbusError {
        ModbusError(kind: .other, errno: code, message: message)
    }

    static func kind(ofErrno code: Int32) -> Kind {
        if LibmodbusErrno.exceptions.contains(code) {
            return .exception(UInt8(code - LibmodbusErrno.base))
        }
        switch code {
        case LibmodbusErrno.badCRC, LibmodbusErrno.badData, LibmodbusErrno.badException,
            LibmodbusErrno.unknownException, LibmodbusErrno.tooMuchData, LibmodbusErrno.badSlave:
            return .invalidResponse
        case ETIMEDOUT:
            return .timeout
        case ECONNREFUSED, ECONNRESET, ECONNABORTED, EPIPE, EBADF, ENOTCONN, EHOSTUNREACH, EHOSTDOWN,
            ENETUNREACH, ENETDOWN, ENOENT, ENODEV, ENXIO, EIO, EACCES, EADDRNOTAVAIL, EBUSY:
            return .connection
        default:
            return .other
        }
    }

    /// Text for an errno value: libmodbus's codes from our table, system codes via `strerror_r`.
    static func describe(errno code: Int32) -> String {
        if LibmodbusErrno.exceptions.contains(code) {
            let exception = Int(code - LibmodbusErrno.base)
            return "device answered with exception \(exception) (\(exceptionName(exception)))"
        }
        switch code {
        case LibmodbusErrno.badCRC: return "invalid CRC in the response"
        case LibmodbusErrno.badData: return "invalid data in the response"
        case LibmodbusErrno.badException: return "invalid exception code in the response"
        case LibmodbusErrno.unknownException: return "unknown exception code in the response"
        case LibmodbusErrno.tooMuchData: return "too many data"
        case LibmodbusErrno.badSlave: return "response from another unit than the one asked"
        default: return systemMessage(code)
        }
    }

    /// Names of the Modbus exception codes (Modbus application protocol v1.1b3, §7).
    static func exceptionName(_ code: Int) -> String {
        switch code {
        case 1: "illegal function"
        case 2: "illegal data address"
        case 3: "illegal data value"
        case 4: "server device failure"
        case 5: "acknowledge"
        case 6: "server device busy"
        case 7: "negative acknowledge"
        case 8: "memory parity error"
        case 10: "gateway path unavailable"
        case 11: "gateway target device failed to respond"
        default: "unknown exception"
        }
    }

    private static func systemMessage(_ code: Int32) -> String {
        var buffer = [CChar](repeating: 0, count: 128)
        // XSI strerror_r: fills our buffer, so it is safe on any thread (strerror is not).
        guard strerror_r(code, &buffer, buffer.count) == 0 else { return "error \(code)" }
        return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
