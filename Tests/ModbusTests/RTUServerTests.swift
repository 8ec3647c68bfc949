import GatewayTesting
import GatewayCore
import Testing

@testable import Modbus

@Suite("ModbusClient against ModbusServer over RTU (socat pty pair)", .timeLimit(.minutes(1)))
struct RTUServerTests {
    @Test func servesSeveralUnitsOnOneLine() throws {
        let pair = try SerialPair()
        defer { pair.stop() }
        let first = try TestServers.map()
        let second = try TestServers.map()
        try first.setRegisters(.holdingRegister, address: 0, [0x0101, 0x0102])
        try second.setRegisters(.holdingRegister, address: 0, [0x0201, 0x0202])
        try second.setBits(.discreteInput, address: 101, [true])
        let server = try ModbusServer(
            connection: .rtu(.init(path: pair.serverPath, baud: 19200)), units: [1: first, 2: second]
        )
        try server.start()
        defer { server.stop() }

        let client = try ModbusClient(connection: .rtu(.init(path: pair.clientPath, baud: 19200)))
        client.setResponseTimeout(.milliseconds(300))
        try client.connect()
        defer { client.close() }

        var registers: [UInt16] = []
        try client.setUnit(1)
        try client.readRegisters(.holdingRegister, address: 0, count: 2, into: &registers)
        #expect(registers == [0x0101, 0x0102])
        try client.setUnit(2)
        try client.readRegisters(.holdingRegister, address: 0, count: 2, into: &registers)
        #expect(registers == [0x0201, 0x0202])
        var bits: [UInt8] = []
        try client.readBits(.discreteInput, address: 100, count: 2, into: &bits)
        #expect(bits == [0, 1])

        // Writes land in the addressed unit's map only.
        try client.writeRegisters(address: 4, values: [9, 8])
        try client.writeCoil(address: 1, value: true)
        #expect(try second.registers(.holdingRegister, address: 4, count: 2) == [9, 8])
        #expect(try second.bits(.coil, address: 1, count: 1) == [true])
        #expect(try first.registers(.holdingRegister, address: 4, count: 2) == [0, 0])

        // Exceptions come back over the line.
        let exception = modbusError { try client.readRegisters(.inputRegister, address: 0, count: 1, into: &registers) }
        #expect(exception?.kind == .exception(2))

        // A muted unit and an absent one time out; the line stays open and usable.
        try server.mute(unit: 2)
        let muted = modbusError { try client.readRegisters(.holdingRegister, address: 0, count: 1, into: &registers) }
        #expect(muted?.kind == .timeout)
        try client.setUnit(7)
        let absent = modbusError { try client.readRegisters(.holdingRegister, address: 0, count: 1, into: &registers) }
        #expect(absent?.kind == .timeout)
        #expect(client.isConnected)
        try client.setUnit(1)
        try client.readRegisters(.holdingRegister, address: 1, count: 1, into: &registers)
        #expect(registers == [0x0102])
    }

    @Test func missingSerialDeviceIsAConnectionError() throws {
        let client = try ModbusClient(connection: .rtu(.init(path: "/nonexistent/ttyMODBUS")))
        let error = modbusError { try client.connect() }
        #expect(error?.kind == .connection)
        #expect(!client.isConnected)
    }
}
