import GatewayCore
import GatewayTesting
import Logging
import Modbus
import SiteConfig
import Simulator

@testable import Polling

/// Devices served by the simulator on loopback (or a pty pair) and polled by a real
/// `PollingService`, with every event collected.
final class PollingRig: Sendable {
    let simulator: Simulator
    let site: Site
    let service: PollingService
    let events: EventCollector

    /// `devices` name TCP ports as placeholders (each moved to a free port, devices sharing a
    /// placeholder share the port) or serial paths (opened as `serialPaths` say).
    init(_ devices: [DeviceConfig], serialPaths: [String: String] = [:], stateFile: String? = nil) throws {
        let profiles = Dictionary(devices.map { ($0.profile.name, $0.profile) }, uniquingKeysWith: { a, _ in a })
        var overrides: [Int: Int] = [:]
        for device in devices { if case .tcp(_, let port) = device.connection { overrides[port] = 0 } }
        let served = Site(
            id: "t1", name: "Test", timezone: "UTC", sourceFile: "/site.yaml", profilePaths: [], devices: devices,
            uplinks: [], profiles: profiles
        )
        simulator = try Simulator(site: served, portOverrides: overrides, serialPaths: serialPaths)
        try simulator.start()
        var polled = devices
        for i in polled.indices where !polled[i].connection.isSerial {
            polled[i].connection = try simulator.connection(for: polled[i].id)
        }
        site = Site(
            id: "t1", name: "Test", timezone: "UTC", sourceFile: "/site.yaml", profilePaths: [], devices: polled,
            uplinks: [], profiles: profiles, stateFile: stateFile
        )
        events = EventCollector()
        var logger = Logger(label: "test")
        logger.logLevel = .critical
        service = PollingService(site: site, sink: events, logger: logger)
    }

    func start() throws { try service.start() }

    func stop() async {
        await service.stop()
        simulator.stop()
    }

    /// Runs a command and returns its one result.
    func execute(_ device: String, _ command: String, argument: Double? = nil) async -> CommandResult {
        await withCheckedContinuation { continuation in
            service.execute(CommandRequest(id: "c-\(command)", device: device, command: command, argument: argument, origin: "test")) {
                continuation.resume(returning: $0)
            }
        }
    }

    /// A device on `connection` with `profile`, polled every `poll`. The generous default
    /// timeout keeps a loaded test machine from faulting devices that answer; tests about
    /// silence give a short one.
    static func device(
        _ id: String, _ profile: DeviceProfile, _ connection: DeviceConnection, unit: Int = 1,
        poll: Duration = .milliseconds(50), timeout: Duration = .seconds(1), zone: String? = nil
    ) -> DeviceConfig {
        DeviceConfig(id: id, profile: profile, connection: connection, unit: unit, poll: poll, timeout: timeout, zone: zone)
    }

    static func tcp(_ placeholder: Int) -> DeviceConnection { .tcp(host: "127.0.0.1", port: placeholder) }
}

extension DeviceConnection {
    var isSerial: Bool {
        if case .rtu = self { return true }
        return false
    }
}
