import GatewayCore

/// A Modbus master over one TCP connection or RTU serial line, wrapping a libmodbus context.
///
/// Thread-safety: none. libmodbus contexts are blocking and not thread-safe, so a client is
/// created, used and closed by one thread only (a bus worker's). It is deliberately not
/// `Sendable`.
public final class ModbusClient {
    public init(connection: DeviceConnection) throws(ModbusError) {
        fatalError("unimplemented")
    }

    public var isConnected: Bool { fatalError("unimplemented") }

    public func connect() throws(ModbusError) { fatalError("unimplemented") }

    public func close() { fatalError("unimplemented") }

    public func setResponseTimeout(_ timeout: Duration) { fatalError("unimplemented") }

    /// Selects the unit id (slave address) for the following requests, 1–247 (0 broadcast on RTU).
    public func setUnit(_ unit: Int) throws(ModbusError) { fatalError("unimplemented") }

    /// Reads `count` bits of a coil or discrete-input table into `buffer` (one 0/1 byte per
    /// bit; resized to `count`).
    public func readBits(_ table: ModbusTable, address: Int, count: Int, into buffer: inout [UInt8]) throws(ModbusError) {
        fatalError("unimplemented")
    }

    /// Reads `count` registers of a holding or input register table into `buffer` (resized to `count`).
    public func readRegisters(_ table: ModbusTable, address: Int, count: Int, into buffer: inout [UInt16]) throws(ModbusError) {
        fatalError("unimplemented")
    }

    public func writeCoil(address: Int, value: Bool) throws(ModbusError) { fatalError("unimplemented") }

    public func writeRegister(address: Int, value: UInt16) throws(ModbusError) { fatalError("unimplemented") }

    public func writeRegisters(address: Int, values: [UInt16]) throws(ModbusError) { fatalError("unimplemented") }
}
