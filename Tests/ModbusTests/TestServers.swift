import GatewayCore
import Modbus

/// Servers and clients on a free loopback port, for the tests of this target.
enum TestServers {
    /// Every table present: coils 0–15, discrete inputs 100–107, holding 0–9, input 200–203.
    static let layout = ModbusRegisterMap.Layout(
        coils: 0..<16, discreteInputs: 100..<108, holdingRegisters: 0..<10, inputRegisters: 200..<204
    )

    static func map() throws -> ModbusRegisterMap {
        try ModbusRegisterMap(layout: layout)
    }

    /// A started TCP server on 127.0.0.1 and a port the kernel picked.
    static func tcp(_ units: [Int: ModbusRegisterMap]) throws -> ModbusServer {
        let server = try ModbusServer(connection: .tcp(host: "127.0.0.1", port: 0), units: units)
        try server.start()
        return server
    }

    /// A connected client for `unit` of `server`.
    static func client(
        _ server: ModbusServer, unit: Int = 1, timeout: Duration = .milliseconds(500)
    ) throws -> ModbusClient {
        let client = try ModbusClient(connection: server.connection)
        client.setResponseTimeout(timeout)
        try client.setUnit(unit)
        try client.connect()
        return client
    }
}

/// Runs `body` and returns the `ModbusError` it threw; nil when it threw none (or another
/// error, which every caller's expectation then reports).
func modbusError(_ body: () throws -> Void) -> ModbusError? {
    do {
        try body()
        return nil
    } catch {
        return error as? ModbusError
    }
}
