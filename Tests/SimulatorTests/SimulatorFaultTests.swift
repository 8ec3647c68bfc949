import GatewayCore
import GatewayTesting
import Modbus
import SiteConfig
import Testing

@testable import Simulator

/// Faults the simulator shows on request, as a client sees them.
@Suite("Simulator faults", .timeLimit(.minutes(1)))
struct SimulatorFaultTests {
    @Test func eachFaultReachesTheClientAsItsOwnKind() throws {
        let simulator = try TestSite.started()
        defer { simulator.stop() }
        let client = try TestSite.client(simulator, "gate-sos")
        defer { client.close() }
        let line = SimulatorCommandLine(simulator: simulator)

        #expect(line.reply(to: "fault gate-sos exception 4") == "ok")
        let exception = thrownError { _ = try client.bits(.discreteInput, 0, 2) } as? ModbusError
        #expect(exception?.kind == .exception(4))
        // The other unit behind the same endpoint is not affected.
        try client.setUnit(2)
        #expect(try client.bits(.discreteInput, 0, 2) == [0, 1])  // tamper is active-low
        try client.setUnit(1)

        #expect(line.reply(to: "fault gate-sos garble") == "ok")
        let garbled = thrownError { _ = try client.registers(.inputRegister, 0, 1) } as? ModbusError
        #expect(garbled?.kind == .invalidResponse && garbled?.isBadCRC == false)

        #expect(line.reply(to: "fault gate-sos slow 60") == "ok")
        _ = try client.registers(.inputRegister, 0, 1)
        #expect(client.lastRequestDuration >= .milliseconds(60))

        #expect(line.reply(to: "fault gate-sos none") == "ok")
        #expect(try client.registers(.inputRegister, 0, 1) == [0])

        #expect(line.reply(to: "fault gate-sos exception 99").hasPrefix("error: exception code must be 1–11"))
        #expect(line.reply(to: "fault gate-sos melt").hasPrefix("error: usage: fault DEVICE"))
        #expect(line.reply(to: "reboot nowhere").hasPrefix("error: unknown device 'nowhere'"))
    }

    @Test func badCRCOnAnRTULine() throws {
        let pair = try SerialPair()
        defer { pair.stop() }
        let line = DeviceConnection.SerialLine(path: pair.clientPath, baud: 115200)
        let simulator = try Simulator(site: TestSite.site([TestSite.device("fence", .rtu(line), unit: 5)]), serialPaths: [pair.clientPath: pair.serverPath])
        try simulator.start()
        defer { simulator.stop() }
        try simulator.inject(.badCRC, device: "fence")
        let client = try ModbusClient(connection: .rtu(line))
        client.setResponseTimeout(.milliseconds(300))
        try client.connect()
        defer { client.close() }
        try client.setUnit(5)
        let error = thrownError { _ = try client.registers(.holdingRegister, 10, 1) } as? ModbusError
        #expect(error?.kind == .invalidResponse && error?.isBadCRC == true)
        try simulator.inject(nil, device: "fence")
        #expect(try client.registers(.holdingRegister, 10, 1) == [0b1000])
    }
}
