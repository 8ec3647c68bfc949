import GatewayCore
import Modbus
import SiteConfig
import Testing

@testable import Simulator

@Suite("Simulator served over Modbus TCP", .timeLimit(.minutes(1)))
struct SimulatorTests {
    @Test func servesOneServerPerEndpoint() throws {
        let simulator = try TestSite.started()
        let endpoints = simulator.endpoints
        #expect(endpoints.map(\.device) == ["gate-sos", "guard-sos", "bollard"])
        #expect(endpoints.map(\.unit) == [1, 2, 1])
        guard case .tcp(let host, let shared) = endpoints[0].connection,
            case .tcp(_, let other) = endpoints[2].connection
        else {
            Issue.record("expected TCP endpoints")
            return
        }
        #expect(host == "127.0.0.1")
        #expect(shared != 15020 && shared > 0)
        #expect(endpoints[1].connection == endpoints[0].connection)
        #expect(other != shared && other > 0)
    }

    @Test func initialValuesHonourActiveLow() throws {
        let simulator = try TestSite.started()
        let client = try TestSite.client(simulator, "gate-sos")
        #expect(try client.bits(.discreteInput, 0, 2) == [0, 1])  // tamper is active low: idle 1
        #expect(try client.bits(.coil, 4, 1) == [0])
        #expect(try client.registers(.holdingRegister, 10, 2) == [0b1000, 0])  // zone2 bit 3 idle high
        #expect(try client.registers(.inputRegister, 0, 6) == [0, 0, 0, 0, 0, 0])
        #expect(try simulator.get(device: "gate-sos", point: "tamper") == 0)
        #expect(try simulator.get(device: "gate-sos", point: "zone2") == 0)
        #expect(try simulator.get(device: "gate-sos", point: "temperature") == -10)  // raw 0 + offset
    }

    @Test func numericPointsAreEncodedAsTheProfileSays() throws {
        let simulator = try TestSite.started()
        let client = try TestSite.client(simulator, "gate-sos")
        try simulator.set(device: "gate-sos", point: "voltage", value: 23.5)  // u16 ×0.1 → 235
        try simulator.set(device: "gate-sos", point: "temperature", value: -20)  // i16 ×0.5 −10 → −20
        try simulator.set(device: "gate-sos", point: "energy", value: 70000)  // u32 high first
        try simulator.set(device: "gate-sos", point: "counter", value: -2)  // i32 low first
        try simulator.set(device: "gate-sos", point: "flow", value: 44)  // f32 ×2 +1 → 21.5
        try simulator.set(device: "gate-sos", point: "level", value: -1.5)  // f32 low first

        #expect(try client.registers(.inputRegister, 0, 6) == [235, 0xFFEC, 0x0001, 0x1170, 0xFFFE, 0xFFFF])
        #expect(try client.registers(.holdingRegister, 0, 4) == [0x41AC, 0x0000, 0x0000, 0xBFC0])

        #expect(try simulator.get(device: "gate-sos", point: "voltage") == 23.5)
        #expect(try simulator.get(device: "gate-sos", point: "temperature") == -20)
        #expect(try simulator.get(device: "gate-sos", point: "energy") == 70000)
        #expect(try simulator.get(device: "gate-sos", point: "counter") == -2)
        #expect(try simulator.get(device: "gate-sos", point: "flow") == 44)
        #expect(try simulator.get(device: "gate-sos", point: "level") == -1.5)
        // The other unit on the same endpoint kept its own values.
        #expect(try simulator.get(device: "guard-sos", point: "voltage") == 0)
    }

    @Test func pressAndReleaseHonourActiveLevelAndBits() throws {
        let simulator = try TestSite.started()
        let client = try TestSite.client(simulator, "gate-sos")

        try simulator.press(device: "gate-sos", point: "button")
        try simulator.press(device: "gate-sos", point: "tamper")
        try simulator.press(device: "gate-sos", point: "zone1")
        try simulator.press(device: "gate-sos", point: "zone2")
        try simulator.press(device: "gate-sos", point: "armed")
        #expect(try client.bits(.discreteInput, 0, 2) == [1, 0])
        #expect(try client.registers(.holdingRegister, 10, 2) == [0b0001, 1])
        #expect(try simulator.get(device: "gate-sos", point: "tamper") == 1)
        #expect(try simulator.get(device: "gate-sos", point: "zone2") == 1)

        try simulator.release(device: "gate-sos", point: "button")
        try simulator.release(device: "gate-sos", point: "tamper")
        try simulator.release(device: "gate-sos", point: "zone1")
        try simulator.release(device: "gate-sos", point: "zone2")
        #expect(try client.bits(.discreteInput, 0, 2) == [0, 1])
        #expect(try client.registers(.holdingRegister, 10, 1) == [0b1000])

        // set on a binary point: nonzero is active.
        try simulator.set(device: "gate-sos", point: "tamper", value: 1)
        #expect(try client.bits(.discreteInput, 1, 1) == [0])
    }

    @Test func writesFromTheGatewayAreVisible() throws {
        let simulator = try TestSite.started()
        let client = try TestSite.client(simulator, "bollard")
        try client.writeCoil(address: 4, value: true)
        #expect(try simulator.get(device: "bollard", point: "siren") == 1)
        try client.writeRegisters(address: 0, values: [0x41AC, 0x0000])
        #expect(try simulator.get(device: "bollard", point: "flow") == 44)
    }

    @Test func unplugMutesThenRefusesThenPlugRestores() throws {
        let simulator = try TestSite.started()
        let gate = try TestSite.client(simulator, "gate-sos")
        let guardRoom = try TestSite.client(simulator, "guard-sos")
        let connection = try simulator.connection(for: "gate-sos")

        // One unit of two unplugged: it times out, the other still answers.
        try simulator.unplug(device: "gate-sos")
        #expect(try !simulator.isPlugged(device: "gate-sos"))
        let started = ContinuousClock.now
        let muted = thrownError { _ = try gate.registers(.inputRegister, 0, 1) } as? ModbusError
        #expect(muted?.kind == .timeout)
        #expect(ContinuousClock.now - started < .seconds(1))
        #expect(try guardRoom.registers(.inputRegister, 0, 1) == [0])

        // Both unplugged: nothing listens, connecting is refused.
        try simulator.unplug(device: "guard-sos")
        let refusedClient = try ModbusClient(connection: connection)
        let refused = thrownError { try refusedClient.connect() } as? ModbusError
        #expect(refused?.kind == .connection)
        // The bollard on its own endpoint is unaffected.
        let bollard = try TestSite.client(simulator, "bollard")
        #expect(try bollard.bits(.discreteInput, 0, 1) == [0])

        try simulator.plug(device: "gate-sos")
        try simulator.press(device: "gate-sos", point: "button")
        let again = try TestSite.client(simulator, "gate-sos")
        #expect(try again.bits(.discreteInput, 0, 1) == [1])
        #expect(try simulator.isPlugged(device: "gate-sos"))
        #expect(try !simulator.isPlugged(device: "guard-sos"))
    }

    @Test func refusesUnknownNamesAndBadValuesWithAReason() throws {
        let simulator = try TestSite.started()
        func reason(_ body: () throws -> Void) -> String? { (thrownError(body) as? SimulatorError)?.reason }

        #expect(reason { try simulator.press(device: "nope", point: "button") }?.contains("unknown device 'nope'") == true)
        #expect(reason { try simulator.press(device: "gate-sos", point: "nope") }?.contains("no point 'nope'") == true)
        #expect(reason { try simulator.press(device: "gate-sos", point: "voltage") }?.contains("not bool or bit") == true)
        #expect(reason { try simulator.set(device: "gate-sos", point: "voltage", value: 7000) }?.contains("outside u16") == true)
        #expect(reason { try simulator.set(device: "gate-sos", point: "temperature", value: .nan) }?.contains("finite") == true)
        #expect(reason { try simulator.unplug(device: "nope") }?.contains("unknown device") == true)
        // Nothing was written by the refused calls.
        #expect(try simulator.get(device: "gate-sos", point: "voltage") == 0)
    }

    @Test func refusesTwoDevicesWithOneUnitOnOneEndpoint() {
        let site = TestSite.site([
            TestSite.device("a", .tcp(host: "127.0.0.1", port: 15020), unit: 3),
            TestSite.device("b", .tcp(host: "127.0.0.1", port: 15020), unit: 3),
        ])
        let error = thrownError { _ = try Simulator(site: site) } as? SimulatorError
        #expect(error?.reason.contains("both unit 3") == true)
    }

    @Test func startFailsClearlyWhenThePortIsTaken() throws {
        let first = try TestSite.started()
        guard case .tcp(_, let taken) = try first.connection(for: "bollard") else {
            Issue.record("expected TCP")
            return
        }
        let site = TestSite.site([TestSite.device("x", .tcp(host: "127.0.0.1", port: taken), unit: 1)])
        let second = try Simulator(site: site)
        let error = thrownError { try second.start() } as? SimulatorError
        #expect(error?.reason.contains("cannot serve tcp://127.0.0.1:\(taken)") == true)
    }
}
