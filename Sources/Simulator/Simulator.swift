import GatewayCore
import Logging
import Modbus
import SiteConfig

/// Modbus devices served from a site's profiles, for tests, demos and bench checks: one
/// `ModbusServer` per distinct TCP endpoint (host:port) with each device on it as its unit,
/// and one per RTU serial path. A test or a person then changes point values and unplugs
/// devices through the control API.
///
/// Initial values: every bool/bit point with `active: low` stores 1 (inactive), every other
/// item 0.
///
/// Thread-safety: every method may be called from any thread. Point writes are atomic per
/// point (the two words of a 32-bit value change together); `plug`/`unplug` are serialised.
public final class Simulator: Sendable {
    /// One device as served.
    public struct Endpoint: Sendable, Equatable {
        public var device: String
        public var unit: Int
        /// Where a gateway reaches it (for TCP, the port actually bound).
        public var connection: DeviceConnection
    }

    private let devices: [String: SimulatedDevice]
    /// Device ids in site order.
    public let deviceIDs: [String]
    private let servers: [ModbusServer]
    private let plugging = ConditionLock()
    private let logger: Logger

    /// Builds the tables and servers; nothing is bound until `start()`.
    ///
    /// - Parameters:
    ///   - portOverrides: configured TCP port → port to serve on instead (0 picks a free one).
    ///   - portOffset: added to every TCP port that has no override.
    ///   - serialPaths: configured serial path → path the simulator opens instead, e.g. the
    ///     other end of a pty pair whose first end the gateway's site names.
    public init(
        site: Site, portOverrides: [Int: Int] = [:], portOffset: Int = 0, serialPaths: [String: String] = [:],
        logger: Logger = Logger(label: "campus-gateway.simulator")
    ) throws(SimulatorError) {
        self.logger = logger
        // Grouped by the endpoint as configured, so two ports both overridden to 0 stay apart.
        var groups: [(connection: DeviceConnection, devices: [DeviceConfig])] = []
        for device in site.devices {
            if let index = groups.firstIndex(where: { Self.sameEndpoint($0.devices[0].connection, device.connection) }) {
                let first = groups[index].devices[0]
                if case .rtu(let line) = device.connection, first.connection != device.connection {
                    throw SimulatorError("devices \(first.id) and \(device.id) share \(line.path) with different line settings")
                }
                if let clash = groups[index].devices.first(where: { $0.unit == device.unit }) {
                    throw SimulatorError("devices \(clash.id) and \(device.id) are both unit \(device.unit) on \(device.connection)")
                }
                groups[index].devices.append(device)
            } else {
                groups.append((try Self.servedConnection(device, portOverrides, portOffset, serialPaths), [device]))
            }
        }
        var devices: [String: SimulatedDevice] = [:]
        var servers: [ModbusServer] = []
        for group in groups {
            var maps: [Int: ModbusRegisterMap] = [:]
            for device in group.devices {
                let layout = try ModbusRegisterMap.Layout(profile: device.profile)
                maps[device.unit] = try Self.modbus("device \(device.id)") { () throws(ModbusError) in
                    try ModbusRegisterMap(layout: layout)
                }
            }
            let server = try Self.modbus("cannot simulate \(group.connection)") { () throws(ModbusError) in
                try ModbusServer(connection: group.connection, units: maps)
            }
            servers.append(server)
            for device in group.devices {
                guard devices[device.id] == nil else { throw SimulatorError("device id \(device.id) appears twice") }
                let simulated = SimulatedDevice(config: device, map: maps[device.unit]!, server: server)
                try Self.setInitialValues(simulated)
                devices[device.id] = simulated
            }
        }
        self.devices = devices
        self.servers = servers
        deviceIDs = site.devices.map(\.id)
    }

    deinit {
        stop()
    }

    /// Binds every TCP endpoint and opens every serial line. On failure nothing stays open.
    public func start() throws(SimulatorError) {
        for (index, server) in servers.enumerated() {
            do throws(ModbusError) {
                try server.start()
            } catch {
                for started in servers[..<index] { started.stop() }
                throw SimulatorError("cannot serve \(server.requestedConnection): \(error.message)")
            }
            logger.debug("serving", metadata: ["simulator.endpoint": "\(server.connection)"])
        }
    }

    /// Stops every server. Idempotent.
    public func stop() {
        for server in servers { server.stop() }
    }

    /// Every device with its unit and where it is served, in site order.
    public var endpoints: [Endpoint] {
        deviceIDs.compactMap { id in
            devices[id].map { Endpoint(device: id, unit: $0.unit, connection: $0.server.connection) }
        }
    }

    /// Where `device` is served (for TCP, with the port actually bound).
    public func connection(for device: String) throws(SimulatorError) -> DeviceConnection {
        try self.device(device).server.connection
    }

    /// The points of `device`, in profile order.
    public func points(of device: String) throws(SimulatorError) -> [PointSpec] {
        try self.device(device).config.profile.points
    }

    /// Makes a bool/bit point active (at its active level). A `counter` point counts one more
    /// press instead.
    public func press(device: String, point: String) throws(SimulatorError) {
        let device = try self.device(device)
        let spec = try device.point(point)
        if spec.mode == .counter {
            try device.write(try PointEncoder.encode(try device.read(spec) + 1, for: spec), at: spec)
            return
        }
        try device.write(try PointEncoder.encode(active: true, for: spec), at: spec)
    }

    /// Makes a bool/bit point inactive. A `latched` point stays latched, as on a real device,
    /// until the gateway clears it; a `counter` point keeps its count.
    public func release(device: String, point: String) throws(SimulatorError) {
        let device = try self.device(device)
        let spec = try device.point(point)
        guard spec.mode == .level else { return }
        try device.write(try PointEncoder.encode(active: false, for: spec), at: spec)
    }

    /// Makes the device misbehave (see `ServerFault`); nil makes it answer normally again.
    public func inject(_ fault: ServerFault?, device: String) throws(SimulatorError) {
        let device = try self.device(device)
        try Self.modbus("device \(device.id)") { () throws(ModbusError) in try device.server.inject(fault, unit: device.unit) }
        logger.debug("fault", metadata: ["device.id": "\(device.id)", "fault": "\(fault.map { "\($0)" } ?? "none")"])
    }

    /// A restart of the device: every counter starts again from 0 and every latch is empty.
    public func reboot(device: String) throws(SimulatorError) {
        let device = try self.device(device)
        for spec in device.config.profile.points where spec.mode != .level {
            if spec.mode == .counter {
                try device.write(try PointEncoder.encode(0, for: spec), at: spec)
            } else {
                try device.write(try PointEncoder.encode(active: false, for: spec), at: spec)
            }
        }
    }

    /// Sets a point's value: numeric points as the gateway will decode it (scale and offset
    /// undone), bool/bit points active when nonzero.
    public func set(device: String, point: String, value: Double) throws(SimulatorError) {
        let device = try self.device(device)
        let spec = try device.point(point)
        try device.write(try PointEncoder.encode(value, for: spec), at: spec)
    }

    /// A point's value as the gateway decodes it; bool/bit points read 1 when active, 0 when
    /// not. Includes what clients wrote.
    public func get(device: String, point: String) throws(SimulatorError) -> Double {
        let device = try self.device(device)
        return try device.read(try device.point(point))
    }

    /// Stops answering for the device, so requests to it time out; when every device on a
    /// TCP endpoint is unplugged, the endpoint stops listening and connects are refused.
    public func unplug(device: String) throws(SimulatorError) {
        let device = try self.device(device)
        plugging.withLock {
            try? device.server.mute(unit: device.unit)
            if case .tcp = device.server.requestedConnection,
                device.server.units.keys.allSatisfy({ device.server.isMuted(unit: $0) })
            {
                device.server.stopListening()
            }
        }
        logger.debug("unplugged", metadata: ["device.id": "\(device.id)"])
    }

    /// Undoes `unplug`: the endpoint listens again if it had stopped, and the device answers.
    public func plug(device: String) throws(SimulatorError) {
        let device = try self.device(device)
        try plugging.withLock { () throws(SimulatorError) in
            if case .tcp = device.server.requestedConnection, !device.server.isListening {
                do throws(ModbusError) {
                    try device.server.startListening()
                } catch {
                    throw SimulatorError("cannot plug \(device.id) back: \(error.message)")
                }
            }
            try? device.server.unmute(unit: device.unit)
        }
        logger.debug("plugged", metadata: ["device.id": "\(device.id)"])
    }

    /// Whether the device answers (not unplugged).
    public func isPlugged(device: String) throws(SimulatorError) -> Bool {
        let device = try self.device(device)
        return !device.server.isMuted(unit: device.unit)
    }

    private func device(_ id: String) throws(SimulatorError) -> SimulatedDevice {
        guard let device = devices[id] else {
            throw SimulatorError("unknown device '\(id)' (devices: \(deviceIDs.joined(separator: ", ")))")
        }
        return device
    }

    // MARK: - Building

    private static func servedConnection(
        _ device: DeviceConfig, _ portOverrides: [Int: Int], _ portOffset: Int, _ serialPaths: [String: String]
    ) throws(SimulatorError) -> DeviceConnection {
        switch device.connection {
        case .tcp(let host, let port):
            let served = portOverrides[port] ?? port + portOffset
            guard (0...65535).contains(served) else {
                throw SimulatorError("device \(device.id): port \(port) moved to \(served), outside 0–65535")
            }
            return .tcp(host: host, port: served)
        case .rtu(var line):
            line.path = serialPaths[line.path] ?? line.path
            return .rtu(line)
        }
    }

    /// TCP endpoints are the same host and port; RTU ones the same serial path.
    private static func sameEndpoint(_ a: DeviceConnection, _ b: DeviceConnection) -> Bool {
        switch (a, b) {
        case (.tcp, .tcp): a == b
        case (.rtu(let x), .rtu(let y)): x.path == y.path
        default: false
        }
    }

    /// Runs a Modbus call, turning its error into a `SimulatorError` that says where.
    private static func modbus<T>(_ context: String, _ body: () throws(ModbusError) -> T) throws(SimulatorError) -> T {
        do throws(ModbusError) {
            return try body()
        } catch {
            throw SimulatorError("\(context): \(error.message)")
        }
    }

    /// Stores every binary point inactive, and checks that every numeric point can be
    /// encoded, so a broken profile fails here rather than at the first `set`.
    private static func setInitialValues(_ device: SimulatedDevice) throws(SimulatorError) {
        for point in device.config.profile.points {
            do throws(SimulatorError) {
                if point.isBinary {
                    try device.write(try PointEncoder.encode(active: false, for: point), at: point)
                } else {
                    _ = try PointEncoder.encode(point.offset, for: point)
                }
            } catch {
                throw SimulatorError("device \(device.id): \(error.reason)")
            }
        }
    }
}
