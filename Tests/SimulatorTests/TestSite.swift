import GatewayCore
import Modbus
import SiteConfig
import Simulator

/// A site built in code (the loader is not needed to test the simulator): one profile with
/// a point of every kind, served on two TCP endpoints (two units on the first).
enum TestSite {
    static let profile = DeviceProfile(
        name: "test-panel", sourceFile: "/profiles/test-panel.yaml",
        points: [
            PointSpec(id: "button", table: .discreteInput, address: 0, type: .bool),
            PointSpec(id: "tamper", table: .discreteInput, address: 1, type: .bool, active: .low),
            PointSpec(id: "siren", table: .coil, address: 4, type: .bool),
            PointSpec(id: "zone1", table: .holdingRegister, address: 10, type: .bit, bit: 0),
            PointSpec(id: "zone2", table: .holdingRegister, address: 10, type: .bit, bit: 3, active: .low),
            PointSpec(id: "armed", table: .holdingRegister, address: 11, type: .bool),
            PointSpec(id: "voltage", table: .inputRegister, address: 0, type: .u16, scale: 0.1),
            PointSpec(id: "temperature", table: .inputRegister, address: 1, type: .i16, scale: 0.5, offset: -10),
            PointSpec(id: "energy", table: .inputRegister, address: 2, type: .u32),
            PointSpec(id: "counter", table: .inputRegister, address: 4, type: .i32, wordOrder: .lowFirst),
            PointSpec(id: "flow", table: .holdingRegister, address: 0, type: .f32, scale: 2, offset: 1),
            PointSpec(id: "level", table: .holdingRegister, address: 2, type: .f32, wordOrder: .lowFirst),
        ]
    )

    static func device(_ id: String, _ connection: DeviceConnection, unit: Int) -> DeviceConfig {
        DeviceConfig(
            id: id, profile: profile, connection: connection, unit: unit, poll: .seconds(1),
            timeout: .milliseconds(300)
        )
    }

    static func site(_ devices: [DeviceConfig]) -> Site {
        Site(
            id: "4101230001", name: "Test school", timezone: "Asia/Shanghai", sourceFile: "/site.yaml",
            profilePaths: [], devices: devices, uplinks: [], profiles: [profile.name: profile]
        )
    }

    /// gate-sos (unit 1) and guard-sos (unit 2) on tcp://127.0.0.1:15020, bollard (unit 1)
    /// on :15021; both ports moved to free ones.
    static func started() throws -> Simulator {
        let site = site([
            device("gate-sos", .tcp(host: "127.0.0.1", port: 15020), unit: 1),
            device("guard-sos", .tcp(host: "127.0.0.1", port: 15020), unit: 2),
            device("bollard", .tcp(host: "127.0.0.1", port: 15021), unit: 1),
        ])
        let simulator = try Simulator(site: site, portOverrides: [15020: 0, 15021: 0])
        try simulator.start()
        return simulator
    }

    /// A connected client for `device` with a short timeout.
    static func client(_ simulator: Simulator, _ device: String, timeout: Duration = .milliseconds(300)) throws -> ModbusClient {
        let client = try ModbusClient(connection: try simulator.connection(for: device))
        client.setResponseTimeout(timeout)
        try client.setUnit(simulator.endpoints.first { $0.device == device }!.unit)
        try client.connect()
        return client
    }
}

extension ModbusClient {
    func registers(_ table: ModbusTable, _ address: Int, _ count: Int) throws -> [UInt16] {
        var buffer: [UInt16] = []
        try readRegisters(table, address: address, count: count, into: &buffer)
        return buffer
    }

    func bits(_ table: ModbusTable, _ address: Int, _ count: Int) throws -> [UInt8] {
        var buffer: [UInt8] = []
        try readBits(table, address: address, count: count, into: &buffer)
        return buffer
    }
}

/// Runs `body` and returns the error it threw, nil when none.
func thrownError(_ body: () throws -> Void) -> (any Error)? {
    do {
        try body()
        return nil
    } catch {
        return error
    }
}
