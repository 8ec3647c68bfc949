import Testing

@testable import Modbus

#if canImport(Glibc)
import Glibc
#endif

@Suite("errno conversion")
struct ModbusErrorTests {
    @Test func libmodbusCodesMapToKinds() {
        let base = LibmodbusErrno.base
        #expect(ModbusError.kind(ofErrno: base + 1) == .exception(1))
        #expect(ModbusError.kind(ofErrno: base + 2) == .exception(2))
        #expect(ModbusError.kind(ofErrno: base + 11) == .exception(11))
        #expect(ModbusError.kind(ofErrno: base + 12) == .invalidResponse)
        #expect(ModbusError.kind(ofErrno: base + 13) == .invalidResponse)
        #expect(ModbusError.kind(ofErrno: base + 17) == .invalidResponse)
        #expect(ModbusError.kind(ofErrno: ETIMEDOUT) == .timeout)
        #expect(ModbusError.kind(ofErrno: ECONNREFUSED) == .connection)
        #expect(ModbusError.kind(ofErrno: EPIPE) == .connection)
        #expect(ModbusError.kind(ofErrno: ENOENT) == .connection)
        #expect(ModbusError.kind(ofErrno: EINVAL) == .other)
    }

    @Test func messagesComeFromOurTablesAndStrerrorR() {
        let base = LibmodbusErrno.base
        #expect(ModbusError.describe(errno: base + 2).contains("illegal data address"))
        #expect(ModbusError.describe(errno: base + 12) == "invalid CRC in the response")
        #expect(ModbusError.describe(errno: ECONNREFUSED) == "Connection refused")
        let error = ModbusError.fromErrno(ETIMEDOUT, while: "read 1 coil at 0")
        #expect(error.message == "read 1 coil at 0: Connection timed out")
        #expect(error.errno == ETIMEDOUT)
    }
}
