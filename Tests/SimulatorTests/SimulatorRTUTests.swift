import GatewayCore
import GatewayTesting
import Modbus
import SiteConfig
import Testing

@testable import Simulator

@Suite("Simulator on an RTU line (socat pty pair)", .timeLimit(.minutes(1)))
struct SimulatorRTUTests {
    @Test func servesRTUDevicesOnTheOtherEndOfThePair() throws {
        let pair = try SerialPair()
        defer { pair.stop() }
        // The site names the gateway's end; the simulator opens the other.
        let line = DeviceConnection.SerialLine(path: pair.clientPath, baud: 9600)
        let site = TestSite.site([
            TestSite.device("fence-1", .rtu(line), unit: 5),
            TestSite.device("fence-2", .rtu(line), unit: 6),
        ])
        let simulator = try Simulator(site: site, serialPaths: [pair.clientPath: pair.serverPath])
        try simulator.start()
        defer { simulator.stop() }
        #expect(simulator.endpoints.map(\.connection) == [.rtu(.init(path: pair.serverPath, baud: 9600)), .rtu(.init(path: pair.serverPath, baud: 9600))])

        try simulator.press(device: "fence-2", point: "zone1")
        try simulator.set(device: "fence-1", point: "energy", value: 123_456)

        let client = try ModbusClient(connection: .rtu(line))
        client.setResponseTimeout(.milliseconds(300))
        try client.connect()
        defer { client.close() }
        try client.setUnit(5)
        #expect(try client.registers(.inputRegister, 2, 2) == [0x0001, 0xE240])
        #expect(try client.registers(.holdingRegister, 10, 1) == [0b1000])
        try client.setUnit(6)
        #expect(try client.registers(.holdingRegister, 10, 1) == [0b1001])

        try simulator.unplug(device: "fence-2")
        let muted = thrownError { _ = try client.registers(.holdingRegister, 10, 1) } as? ModbusError
        #expect(muted?.kind == .timeout)
        try simulator.plug(device: "fence-2")
        #expect(try client.registers(.holdingRegister, 10, 1) == [0b1001])
    }
}
