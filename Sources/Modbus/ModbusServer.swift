import GatewayCore

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A Modbus slave (server) answering for one or more units from their `ModbusRegisterMap`s,
/// on a TCP address or an RTU serial line. Used by the simulator; a gateway only needs
/// `ModbusClient`.
///
/// - TCP: listens on host:port and serves any number of clients at once. Each request is
///   answered from the map of the unit id in its header; a request for a unit the server
///   does not have, or for a muted unit, gets no answer (as from a TCP-to-RTU gateway with
///   nothing behind it), so the client times out. `stopListening()` closes the listener and
///   every client connection, so connecting is refused until `startListening()`.
/// - RTU: owns the serial line (e.g. one end of a pty pair) and answers the frames
///   addressed to its units; broadcasts (unit 0) are ignored.
///
/// Threading: one dedicated thread per server runs a `poll` loop and owns every socket, the
/// line and the libmodbus contexts. The public methods may be called from any thread; those
/// that change the listener hand the change to the loop and return once it is applied.
/// Requests are answered one at a time: a client that sends half a frame holds the loop up
/// to the byte timeout (0.5 s).
public final class ModbusServer: Sendable {
    /// Where the server was asked to serve (port 0 picks a free port; see `connection`).
    public let requestedConnection: DeviceConnection
    public let units: [Int: ModbusRegisterMap]
    private let control: ServerControl

    public init(connection: DeviceConnection, units: [Int: ModbusRegisterMap]) throws(ModbusError) {
        let valid: ClosedRange<Int>
        if case .tcp = connection { valid = 0...255 } else { valid = 1...247 }
        for unit in units.keys where !valid.contains(unit) {
            throw ModbusError.usage("unit id \(unit) is outside \(valid.lowerBound)–\(valid.upperBound)")
        }
        requestedConnection = connection
        self.units = units
        control = try ServerControl()
    }

    deinit {
        stop()
    }

    /// Where clients reach the server: for TCP, with the port actually bound once started.
    public var connection: DeviceConnection {
        guard case .tcp(let host, let port) = requestedConnection else { return requestedConnection }
        let bound = control.lock.withLock { control.boundPort }
        return .tcp(host: host, port: bound == 0 ? port : bound)
    }

    /// Opens the listener or the serial line, then starts the serving thread. Throws when
    /// the address cannot be bound or the line cannot be opened, or when called twice.
    public func start() throws(ModbusError) {
        try control.lock.withLock { () throws(ModbusError) in
            guard control.thread == nil, !control.stopping else {
                throw ModbusError.usage("server for \(requestedConnection) was already started")
            }
            let loop: @Sendable () -> Void
            switch requestedConnection {
            case .tcp(let host, let port):
                let tcp = try TCPServeLoop(host: host, port: port, units: units, control: control)
                try tcp.listen()
                control.listening = true
                control.boundPort = tcp.port
                loop = { tcp.run() }
            case .rtu(let line):
                let rtu = try RTUServeLoop(line: line, units: units, control: control)
                try rtu.open()
                loop = { rtu.run() }
            }
            do throws(ThreadStartError) {
                control.thread = try DedicatedThread(name: "modbus-server", loop)
            } catch {
                throw ModbusError.fromErrno(error.errno, while: "start the server thread")
            }
        }
    }

    /// Stops the thread and closes every socket, the listener or the line. Idempotent.
    public func stop() {
        let thread = control.lock.withLock {
            control.stopping = true
            let thread = control.thread
            control.thread = nil
            return thread
        }
        control.wake.wake()
        thread?.join()
    }

    /// Stops answering `unit`: its requests are read and dropped, so clients time out.
    public func mute(unit: Int) throws(ModbusError) {
        try requireUnit(unit)
        control.lock.withLock { _ = control.muted.insert(unit) }
    }

    public func unmute(unit: Int) throws(ModbusError) {
        try requireUnit(unit)
        control.lock.withLock { _ = control.muted.remove(unit) }
    }

    /// Makes `unit` misbehave as `fault` says; nil makes it answer normally again.
    public func inject(_ fault: ServerFault?, unit: Int) throws(ModbusError) {
        try requireUnit(unit)
        control.lock.withLock { control.faults[unit] = fault }
    }

    public func isMuted(unit: Int) -> Bool {
        control.isMuted(unit)
    }

    /// TCP: whether the listener is open. RTU: whether the line is served.
    public var isListening: Bool {
        control.lock.withLock {
            if case .rtu = requestedConnection { return control.thread != nil && !control.finished }
            return control.listening
        }
    }

    /// TCP: closes the listener and every client connection ("unplugs" the device), and
    /// returns once they are closed. Does nothing on RTU or before `start()`.
    public func stopListening() {
        guard case .tcp = requestedConnection else { return }
        control.lock.withLock {
            guard control.thread != nil else { return }
            control.wantListening = false
            control.wake.wake()
            control.waitLocked { !control.listening }
        }
    }

    /// TCP: listens again on the same port, and returns once it does. Throws when the port
    /// cannot be bound or the server is not running. Does nothing on RTU.
    public func startListening() throws(ModbusError) {
        guard case .tcp = requestedConnection else { return }
        try control.lock.withLock { () throws(ModbusError) in
            guard control.thread != nil, !control.finished else {
                throw ModbusError.usage("server for \(requestedConnection) is not running")
            }
            if control.listening { return }
            control.wantListening = true
            control.listenError = nil
            control.wake.wake()
            control.waitLocked { control.listening || control.listenError != nil }
            if let error = control.listenError { throw error }
            guard control.listening else {
                throw ModbusError(kind: .other, errno: ETIMEDOUT, message: "server for \(requestedConnection) did not listen again in time")
            }
        }
    }

    private func requireUnit(_ unit: Int) throws(ModbusError) {
        guard units[unit] != nil else {
            throw ModbusError.usage("server for \(requestedConnection) has no unit \(unit)")
        }
    }
}
