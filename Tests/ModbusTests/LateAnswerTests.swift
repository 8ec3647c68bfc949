import GatewayCore
import Foundation
import Testing

@testable import Modbus

@Suite("Late and wrong answers on TCP", .timeLimit(.minutes(1)))
struct LateAnswerTests {
    @Test func aLateAnswerIsNeverTakenForTheNextOne() throws {
        // Request 0 is answered 400 ms late with 1111; later requests at once with 2222.
        let device = try ScriptedDevice { index, request in
            index == 0
                ? (.milliseconds(400), ScriptedDevice.registersReply(to: request, [1111]))
                : (.zero, ScriptedDevice.registersReply(to: request, [2222]))
        }
        defer { device.stop() }
        let client = try ModbusClient(connection: .tcp(host: "127.0.0.1", port: device.port))
        client.setResponseTimeout(.milliseconds(150))
        try client.setUnit(1)
        try client.connect()
        var registers: [UInt16] = []

        let error = modbusError { try client.readRegisters(.holdingRegister, address: 0, count: 1, into: &registers) }
        #expect(error?.kind == .timeout)
        #expect(!client.isConnected)
        // Let the late 1111 go out on the old connection before asking again; the request
        // reconnects by itself.
        Thread.sleep(forTimeInterval: 0.4)
        try client.readRegisters(.holdingRegister, address: 0, count: 1, into: &registers)
        #expect(registers == [2222])
    }

    @Test func aMismatchedAnswerIsInvalidAndClosesTheConnection() throws {
        // Request 0 gets an answer with another transaction id; later ones a proper one.
        let device = try ScriptedDevice { index, request in
            (.zero, ScriptedDevice.registersReply(to: request, [index == 0 ? 1 : 2], transactionDelta: index == 0 ? 1 : 0))
        }
        defer { device.stop() }
        let client = try ModbusClient(connection: .tcp(host: "127.0.0.1", port: device.port))
        client.setResponseTimeout(.milliseconds(300))
        try client.setUnit(1)
        try client.connect()
        var registers: [UInt16] = []

        let error = modbusError { try client.readRegisters(.holdingRegister, address: 0, count: 1, into: &registers) }
        #expect(error?.kind == .invalidResponse)
        #expect(!client.isConnected)
        try client.connect()
        try client.readRegisters(.holdingRegister, address: 0, count: 1, into: &registers)
        #expect(registers == [2])
    }
}
