import GatewayCore
import Testing

#if canImport(Glibc)
import Glibc
#endif

@testable import Modbus

@Suite("ModbusClient against ModbusServer over TCP", .timeLimit(.minutes(1)))
struct ModbusClientTests {
    @Test func readsAllFourTables() throws {
        let map = try TestServers.map()
        try map.setBits(.coil, address: 3, [true, false, true])
        try map.setBits(.discreteInput, address: 100, [false, true])
        try map.setRegisters(.holdingRegister, address: 2, [0x1234, 0xBEEF])
        try map.setRegisters(.inputRegister, address: 202, [7, 65535])
        let server = try TestServers.tcp([1: map])
        let client = try TestServers.client(server)

        var bits: [UInt8] = [9, 9, 9, 9, 9, 9, 9, 9, 9]  // longer than asked: must shrink
        try client.readBits(.coil, address: 2, count: 5, into: &bits)
        #expect(bits == [0, 1, 0, 1, 0])
        try client.readBits(.discreteInput, address: 100, count: 3, into: &bits)
        #expect(bits == [0, 1, 0])

        var registers: [UInt16] = []
        try client.readRegisters(.holdingRegister, address: 1, count: 4, into: &registers)
        #expect(registers == [0, 0x1234, 0xBEEF, 0])
        try client.readRegisters(.inputRegister, address: 202, count: 2, into: &registers)
        #expect(registers == [7, 65535])
        #expect(client.lastRequestDuration > .zero)
        #expect(client.lastRequestDuration < .seconds(1))
    }

    @Test func writesAndReadsBack() throws {
        let map = try TestServers.map()
        let server = try TestServers.tcp([1: map])
        let client = try TestServers.client(server)

        try client.writeCoil(address: 7, value: true)
        try client.writeRegister(address: 0, value: 4242)
        try client.writeRegisters(address: 5, values: [1, 2, 3])

        var bits: [UInt8] = []
        try client.readBits(.coil, address: 6, count: 3, into: &bits)
        #expect(bits == [0, 1, 0])
        var registers: [UInt16] = []
        try client.readRegisters(.holdingRegister, address: 0, count: 8, into: &registers)
        #expect(registers == [4242, 0, 0, 0, 0, 1, 2, 3])
        // The server's map holds what the client wrote.
        #expect(try map.bits(.coil, address: 7, count: 1) == [true])
        #expect(try map.registers(.holdingRegister, address: 5, count: 3) == [1, 2, 3])
    }

    @Test func illegalAddressIsException2() throws {
        let server = try TestServers.tcp([1: try TestServers.map()])
        let client = try TestServers.client(server)
        var registers: [UInt16] = []

        let error = modbusError { try client.readRegisters(.holdingRegister, address: 8, count: 5, into: &registers) }
        #expect(error?.kind == .exception(2))
        #expect(error?.message.contains("illegal data address") == true)
        // An exception is an answer: the connection stays usable.
        #expect(client.isConnected)
        try client.readRegisters(.holdingRegister, address: 8, count: 2, into: &registers)
        #expect(registers == [0, 0])
    }

    @Test func mutedUnitTimesOutWithinTheTimeout() throws {
        let map = try TestServers.map()
        let server = try TestServers.tcp([1: map])
        let client = try TestServers.client(server, timeout: .milliseconds(200))
        try server.mute(unit: 1)
        #expect(server.isMuted(unit: 1))

        var registers: [UInt16] = []
        let started = ContinuousClock.now
        let error = modbusError { try client.readRegisters(.holdingRegister, address: 0, count: 1, into: &registers) }
        let elapsed = ContinuousClock.now - started
        #expect(error?.kind == .timeout)
        #expect(elapsed >= .milliseconds(150))
        #expect(elapsed < .seconds(1))
        // Documented: a TCP timeout closes the connection so no late answer is misread.
        #expect(!client.isConnected)

        try server.unmute(unit: 1)
        try map.setRegisters(.holdingRegister, address: 0, [77])
        try client.connect()
        try client.readRegisters(.holdingRegister, address: 0, count: 1, into: &registers)
        #expect(registers == [77])
    }

    @Test func unknownUnitGetsNoAnswer() throws {
        let server = try TestServers.tcp([1: try TestServers.map()])
        let client = try TestServers.client(server, unit: 9, timeout: .milliseconds(150))
        var registers: [UInt16] = []
        let error = modbusError { try client.readRegisters(.holdingRegister, address: 0, count: 1, into: &registers) }
        #expect(error?.kind == .timeout)
    }

    @Test func stoppedListenerMeansConnectionErrors() throws {
        let server = try TestServers.tcp([1: try TestServers.map()])
        let client = try TestServers.client(server)
        var registers: [UInt16] = []
        try client.readRegisters(.holdingRegister, address: 0, count: 1, into: &registers)

        server.stopListening()
        #expect(!server.isListening)
        // The open connection was closed by the server…
        let broken = modbusError { try client.readRegisters(.holdingRegister, address: 0, count: 1, into: &registers) }
        #expect(broken?.kind == .connection)
        #expect(!client.isConnected)
        // …and a new one is refused.
        let refused = modbusError { try client.connect() }
        #expect(refused?.kind == .connection)
        #expect(refused?.errno == ECONNREFUSED)

        try server.startListening()
        #expect(server.isListening)
        try client.connect()
        try client.readRegisters(.holdingRegister, address: 0, count: 1, into: &registers)
        #expect(registers == [0])
    }

    @Test func twoUnitsOnOneServerAnswerFromTheirOwnMaps() throws {
        let first = try TestServers.map()
        let second = try TestServers.map()
        try first.setRegisters(.holdingRegister, address: 0, [111])
        try second.setRegisters(.holdingRegister, address: 0, [222])
        let server = try TestServers.tcp([1: first, 2: second])
        let client = try TestServers.client(server, unit: 1)
        var registers: [UInt16] = []

        try client.readRegisters(.holdingRegister, address: 0, count: 1, into: &registers)
        #expect(registers == [111])
        try client.setUnit(2)
        try client.readRegisters(.holdingRegister, address: 0, count: 1, into: &registers)
        #expect(registers == [222])
        try client.writeRegister(address: 1, value: 5)
        #expect(try second.registers(.holdingRegister, address: 1, count: 1) == [5])
        #expect(try first.registers(.holdingRegister, address: 1, count: 1) == [0])

        // One silent unit does not take the other down: the timeout drops the connection
        // and the next request, to the other unit, reconnects by itself.
        try server.mute(unit: 1)
        client.setResponseTimeout(.milliseconds(150))
        try client.setUnit(1)
        let silent = modbusError { try client.readRegisters(.holdingRegister, address: 0, count: 1, into: &registers) }
        #expect(silent?.kind == .timeout)
        #expect(!client.isConnected)
        try client.setUnit(2)
        try client.readRegisters(.holdingRegister, address: 0, count: 1, into: &registers)
        #expect(registers == [222])
        #expect(client.isConnected)
    }

    @Test func manyClientsAtOnce() throws {
        let map = try TestServers.map()
        try map.setRegisters(.inputRegister, address: 200, [1, 2, 3, 4])
        let server = try TestServers.tcp([1: map])
        let clients = try (0..<5).map { _ in try TestServers.client(server) }
        var registers: [UInt16] = []
        for _ in 0..<3 {
            for client in clients {
                try client.readRegisters(.inputRegister, address: 200, count: 4, into: &registers)
                #expect(registers == [1, 2, 3, 4])
            }
        }
    }

    @Test func countLimitsAreRejectedBeforeSending() throws {
        let client = try ModbusClient(connection: .tcp(host: "127.0.0.1", port: 1))
        var bits: [UInt8] = []
        var registers: [UInt16] = []
        let cases: [ModbusError?] = [
            modbusError { try client.readBits(.coil, address: 0, count: 2001, into: &bits) },
            modbusError { try client.readBits(.discreteInput, address: 0, count: 0, into: &bits) },
            modbusError { try client.readRegisters(.holdingRegister, address: 0, count: 126, into: &registers) },
            modbusError { try client.readRegisters(.inputRegister, address: 65535, count: 2, into: &registers) },
            modbusError { try client.writeRegisters(address: 0, values: Array(repeating: 0, count: 124)) },
            modbusError { try client.readRegisters(.coil, address: 0, count: 1, into: &registers) },
            modbusError { try client.setUnit(248) },
        ]
        for error in cases {
            #expect(error?.kind == .other)
        }
        #expect(cases[0]?.message.contains("1–2000") == true)
        #expect(cases[2]?.message.contains("1–125") == true)
    }

    @Test func requestsWhileNotConnectedFail() throws {
        let client = try ModbusClient(connection: .tcp(host: "127.0.0.1", port: 1))
        var registers: [UInt16] = []
        let error = modbusError { try client.readRegisters(.holdingRegister, address: 0, count: 1, into: &registers) }
        #expect(error?.kind == .connection)
        client.close()
        client.close()  // idempotent
        #expect(!client.isConnected)
    }

    @Test func closedByTheCallerStaysClosedAfterATimeout() throws {
        let server = try TestServers.tcp([1: try TestServers.map()])
        let client = try TestServers.client(server, timeout: .milliseconds(100))
        try server.mute(unit: 1)
        var registers: [UInt16] = []
        _ = modbusError { try client.readRegisters(.holdingRegister, address: 0, count: 1, into: &registers) }
        try server.unmute(unit: 1)
        // An explicit close wins over the reconnect a timeout arranged.
        client.close()
        let error = modbusError { try client.readRegisters(.holdingRegister, address: 0, count: 1, into: &registers) }
        #expect(error?.kind == .connection)
        #expect(error?.errno == ENOTCONN)
    }

    @Test func serverPicksAndKeepsItsPort() throws {
        let server = try TestServers.tcp([1: try TestServers.map()])
        guard case .tcp(_, let port) = server.connection else {
            Issue.record("expected a TCP connection")
            return
        }
        #expect(port > 0)
        server.stopListening()
        try server.startListening()
        #expect(server.connection == .tcp(host: "127.0.0.1", port: port))
        server.stop()
        server.stop()
        #expect(!server.isListening)
    }
}
