import CModbus
import GatewayCore

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A Modbus master over one TCP connection or RTU serial line, wrapping a libmodbus context.
///
/// Thread-safety: none. libmodbus contexts are blocking and not thread-safe, so a client is
/// created, used and closed by one thread only (a bus worker's). It is deliberately not
/// `Sendable`.
///
/// Failures and the connection:
/// - `.connection`: the connection is closed (`isConnected` is false); requests fail with
///   `.connection` until `connect()` succeeds again (the caller decides when: backoff).
/// - `.timeout` or `.invalidResponse` on TCP: the connection is dropped, so that an answer
///   arriving late can never be read as the answer to a later request, and the next request
///   reconnects by itself. Other units behind the same connection (a TCP-to-RTU converter)
///   thus keep answering while one of them is silent. On RTU the line stays open and its
///   buffers are flushed instead.
/// - `.exception(code)`: the device answered; the connection stays usable.
/// - `.other`: a bad argument or state, caught before anything was sent.
public final class ModbusClient {
    /// `modbus_t *`, owned: freed in `deinit`.
    private let context: OpaquePointer
    /// Where this client talks to.
    public let connection: DeviceConnection
    private var connected = false
    /// Set when a TCP timeout or invalid answer dropped the connection: the next request
    /// connects again first. Cleared by `connect()` and `close()`.
    private var reconnectBeforeNextRequest = false
    /// The unit selected with `setUnit`, -1 before.
    public private(set) var unit = -1
    /// How long the last request took, from sending to the answer or the failure.
    public private(set) var lastRequestDuration: Duration = .zero

    public init(connection: DeviceConnection) throws(ModbusError) {
        let created: OpaquePointer?
        switch connection {
        case .tcp(let host, let port):
            // The `_pi` variant resolves host names as well as IPv4/IPv6 literals.
            created = modbus_new_tcp_pi(host, String(port))
        case .rtu(let line):
            let parity = CChar(bitPattern: line.parity.asciiValue ?? UInt8(ascii: "N"))
            created = modbus_new_rtu(line.path, Int32(line.baud), parity, Int32(line.dataBits), Int32(line.stopBits))
        }
        let code = errno
        guard let created else {
            throw ModbusError.fromErrno(code, while: "create a Modbus context for \(connection)")
        }
        context = created
        self.connection = connection
    }

    deinit {
        if connected { modbus_close(context) }
        modbus_free(context)
    }

    public var isConnected: Bool { connected }

    private var isTCP: Bool {
        if case .tcp = connection { return true }
        return false
    }

    /// Opens the TCP connection or the serial line. Does nothing when already connected. Every
    /// failure is `.connection` (refused, unreachable, no such serial device, timed out).
    public func connect() throws(ModbusError) {
        if connected { return }
        let rc = modbus_connect(context)
        let code = errno
        guard rc == 0 else {
            // libmodbus closes its socket itself when connecting fails.
            throw ModbusError(
                kind: .connection, errno: code,
                message: "connect to \(connection): \(ModbusError.describe(errno: code))"
            )
        }
        connected = true
        reconnectBeforeNextRequest = false
    }

    /// Closes the connection or line; requests fail until `connect()`. Safe to call any
    /// number of times.
    public func close() {
        reconnectBeforeNextRequest = false
        guard connected else { return }
        modbus_close(context)
        connected = false
    }

    /// Discards whatever is waiting to be read (and, on RTU, written).
    public func flush() {
        guard connected else { return }
        modbus_flush(context)
    }

    /// How long to wait for the first byte of an answer (and, on TCP, for connecting).
    /// libmodbus refuses zero, so anything under 1 µs becomes 1 µs.
    public func setResponseTimeout(_ timeout: Duration) {
        let ns = max(timeout.nanoseconds, 1000)
        modbus_set_response_timeout(context, UInt32(ns / 1_000_000_000), UInt32(ns % 1_000_000_000 / 1000))
    }

    /// Longest silence allowed between two bytes of one answer; `.zero` disables the check.
    public func setByteTimeout(_ timeout: Duration) {
        let ns = timeout.nanoseconds
        modbus_set_byte_timeout(context, UInt32(ns / 1_000_000_000), UInt32(ns % 1_000_000_000 / 1000))
    }

    /// Selects the unit id (slave address) for the following requests, 1–247 (0 broadcast on
    /// RTU; on TCP 0 and 255 are accepted too, as many gateways expect them).
    public func setUnit(_ unit: Int) throws(ModbusError) {
        guard (0...247).contains(unit) || (isTCP && unit == 255) else {
            throw ModbusError.usage("unit id must be 0–247\(isTCP ? " or 255" : ""), got \(unit)")
        }
        if unit == self.unit { return }
        let rc = modbus_set_slave(context, Int32(unit))
        let code = errno
        guard rc == 0 else { throw ModbusError.fromErrno(code, while: "select unit \(unit)") }
        self.unit = unit
    }

    /// Reads `count` bits of a coil or discrete-input table into `buffer` (one 0/1 byte per
    /// bit; resized to `count`).
    public func readBits(_ table: ModbusTable, address: Int, count: Int, into buffer: inout [UInt8]) throws(ModbusError) {
        guard table.holdsBits else {
            throw ModbusError.usage("readBits reads coils or discrete inputs, not \(table.rawValue)")
        }
        try checkRange(address: address, count: count, limit: table.maxReadCount, what: table.rawValue)
        try requireConnection()
        buffer.resize(to: count)
        let started = WallClock.monotonicNanoseconds()
        let rc = buffer.withUnsafeMutableBufferPointer { items in
            table == .coil
                ? modbus_read_bits(context, Int32(address), Int32(count), items.baseAddress)
                : modbus_read_input_bits(context, Int32(address), Int32(count), items.baseAddress)
        }
        let code = errno
        try finish(rc, code, expected: count, started: started) { "read \(count) \(table.rawValue) at \(address)" }
    }

    /// Reads `count` registers of a holding or input register table into `buffer` (resized to `count`).
    public func readRegisters(_ table: ModbusTable, address: Int, count: Int, into buffer: inout [UInt16]) throws(ModbusError) {
        guard !table.holdsBits else {
            throw ModbusError.usage("readRegisters reads holding or input registers, not \(table.rawValue)")
        }
        try checkRange(address: address, count: count, limit: table.maxReadCount, what: table.rawValue)
        try requireConnection()
        buffer.resize(to: count)
        let started = WallClock.monotonicNanoseconds()
        let rc = buffer.withUnsafeMutableBufferPointer { items in
            table == .holdingRegister
                ? modbus_read_registers(context, Int32(address), Int32(count), items.baseAddress)
                : modbus_read_input_registers(context, Int32(address), Int32(count), items.baseAddress)
        }
        let code = errno
        try finish(rc, code, expected: count, started: started) { "read \(count) \(table.rawValue) at \(address)" }
    }

    public func writeCoil(address: Int, value: Bool) throws(ModbusError) {
        try checkRange(address: address, count: 1, limit: 1, what: "coil")
        try requireConnection()
        let started = WallClock.monotonicNanoseconds()
        let rc = modbus_write_bit(context, Int32(address), value ? 1 : 0)
        let code = errno
        try finish(rc, code, expected: 1, started: started) { "write coil \(address) = \(value ? 1 : 0)" }
    }

    public func writeRegister(address: Int, value: UInt16) throws(ModbusError) {
        try checkRange(address: address, count: 1, limit: 1, what: "holding_register")
        try requireConnection()
        let started = WallClock.monotonicNanoseconds()
        let rc = modbus_write_register(context, Int32(address), value)
        let code = errno
        try finish(rc, code, expected: 1, started: started) { "write holding_register \(address) = \(value)" }
    }

    /// Writes up to 123 holding registers with one request (function 16).
    public func writeRegisters(address: Int, values: [UInt16]) throws(ModbusError) {
        try checkRange(address: address, count: values.count, limit: ModbusClient.maxWriteRegisters, what: "holding_register")
        try requireConnection()
        let started = WallClock.monotonicNanoseconds()
        let rc = values.withUnsafeBufferPointer { items in
            modbus_write_registers(context, Int32(address), Int32(items.count), items.baseAddress)
        }
        let code = errno
        try finish(rc, code, expected: values.count, started: started) {
            "write \(values.count) holding_register at \(address)"
        }
    }

    /// The most registers one write request may carry (Modbus application protocol v1.1b3).
    public static let maxWriteRegisters = 123

    // MARK: - Checks and error conversion

    private func checkRange(address: Int, count: Int, limit: Int, what: String) throws(ModbusError) {
        guard (1...limit).contains(count) else {
            throw ModbusError.usage("count of \(what) must be 1–\(limit) per request, got \(count)")
        }
        guard address >= 0, address + count <= 65536 else {
            throw ModbusError.usage("\(what) \(address)…\(address + count - 1) is outside 0…65535")
        }
    }

    private func requireConnection() throws(ModbusError) {
        if connected { return }
        guard reconnectBeforeNextRequest else {
            throw ModbusError(kind: .connection, errno: ENOTCONN, message: "not connected to \(connection)")
        }
        try connect()
    }

    /// Records the duration and turns a failed call into an error, leaving the connection in
    /// a state where no stale answer can be read (see the type's documentation).
    private func finish(
        _ rc: Int32, _ code: Int32, expected: Int, started: UInt64, _ operation: () -> String
    ) throws(ModbusError) {
        lastRequestDuration = .nanoseconds(Int64(WallClock.monotonicNanoseconds() &- started))
        if rc == Int32(expected) { return }
        let error: ModbusError
        if rc >= 0 {
            error = ModbusError(
                kind: .invalidResponse, errno: LibmodbusErrno.badData,
                message: "\(operation()) (unit \(unit), \(connection)): answer has \(rc) items, expected \(expected)"
            )
        } else {
            error = ModbusError.fromErrno(code, while: "\(operation()) (unit \(unit), \(connection))")
        }
        switch error.kind {
        case .connection:
            close()
        case .timeout, .invalidResponse:
            if isTCP {
                close()
                reconnectBeforeNextRequest = true
            } else {
                modbus_flush(context)
            }
        case .exception, .other:
            break
        }
        throw error
    }
}

extension Array where Element: FixedWidthInteger {
    /// Sets the count to `count`, keeping capacity, so a reused buffer does not reallocate.
    fileprivate mutating func resize(to count: Int) {
        if self.count > count {
            removeLast(self.count - count)
        } else if self.count < count {
            append(contentsOf: repeatElement(0, count: count - self.count))
        }
    }
}
