import CModbus

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The serving thread of a TCP `ModbusServer`: a `poll` loop over the wake pipe, the
/// listener and every client socket, in the manner of libmodbus's
/// tests/bandwidth-server-many-up.c (which uses `select`; `poll` has no FD_SETSIZE limit).
///
/// `@unchecked Sendable`: after `listen()` on the starting thread, the instance is handed
/// to the serving thread and touched by it alone; shared state goes through `control`.
final class TCPServeLoop: @unchecked Sendable {
    private let host: String
    /// The bound port once listening (the asked one, or the one the kernel picked for 0).
    private(set) var port: Int
    private let units: [Int: ModbusRegisterMap]
    private let control: ServerControl
    /// `modbus_t *` used to read requests from, and answer on, whichever client socket is
    /// ready (set with `modbus_set_socket`). Never closed through libmodbus: we own the fds.
    private let context: OpaquePointer
    private var listenFD: Int32 = -1
    private var clients: [Int32] = []
    private var request = [UInt8](repeating: 0, count: 260)  // MODBUS_TCP_MAX_ADU_LENGTH

    init(host: String, port: Int, units: [Int: ModbusRegisterMap], control: ServerControl) throws(ModbusError) {
        guard let context = modbus_new_tcp_pi(host, String(port)) else {
            throw ModbusError.fromErrno(errno, while: "create a Modbus server context for tcp://\(host):\(port)")
        }
        self.host = host
        self.port = port
        self.units = units
        self.control = control
        self.context = context
    }

    deinit {
        closeAll()
        modbus_free(context)
    }

    /// Binds and listens on host:port; remembers the port bound so a restart reuses it.
    func listen() throws(ModbusError) {
        guard let listener = modbus_new_tcp_pi(host, String(port)) else {
            throw ModbusError.fromErrno(errno, while: "create a Modbus server context for tcp://\(host):\(port)")
        }
        defer { modbus_free(listener) }
        let fd = modbus_tcp_pi_listen(listener, 64)
        let code = errno
        guard fd >= 0 else {
            throw ModbusError(
                kind: .connection, errno: code,
                message: "listen on tcp://\(host):\(port): \(ModbusError.describe(errno: code))"
            )
        }
        _ = fcntl(fd, F_SETFD, FD_CLOEXEC)
        listenFD = fd
        if port == 0, let bound = Self.localPort(of: fd) { port = bound }
    }

    func run() {
        defer {
            closeAll()
            control.finish()
        }
        var fds: [pollfd] = []
        while true {
            fds.removeAll(keepingCapacity: true)
            fds.append(pollfd(fd: control.wake.readFD, events: Int16(POLLIN), revents: 0))
            if listenFD >= 0 { fds.append(pollfd(fd: listenFD, events: Int16(POLLIN), revents: 0)) }
            for client in clients { fds.append(pollfd(fd: client, events: Int16(POLLIN), revents: 0)) }
            let ready = poll(&fds, nfds_t(fds.count), -1)
            if ready < 0 {
                if errno == EINTR { continue }
                return
            }
            if fds[0].revents != 0 {
                control.wake.drain()
                if !applyControl() { return }
                continue  // the listener or the clients may have changed: poll again
            }
            var next = 1
            if listenFD >= 0 {
                if fds[1].revents != 0 { acceptClient() }
                next = 2
            }
            var broken: [Int32] = []
            for entry in fds[next...] where entry.revents != 0 {
                if !answer(entry.fd) { broken.append(entry.fd) }
            }
            for fd in broken { dropClient(fd) }
        }
    }

    /// Applies what the public methods asked for. Returns false when the loop must end.
    private func applyControl() -> Bool {
        let keepRunning = control.lock.withLock {
            if control.stopping { return false }
            if control.wantListening && listenFD < 0 {
                do throws(ModbusError) {
                    try listen()
                    control.listening = true
                } catch {
                    control.listenError = error
                    control.wantListening = false
                }
            } else if !control.wantListening && listenFD >= 0 {
                closeAll()
                control.listening = false
            }
            return true
        }
        control.lock.broadcast()
        return keepRunning
    }

    private func acceptClient() {
        let fd = accept(listenFD, nil, nil)
        guard fd >= 0 else { return }
        _ = fcntl(fd, F_SETFD, FD_CLOEXEC)
        var on: Int32 = 1
        // Answers are small and awaited: send them at once.
        _ = setsockopt(fd, Int32(IPPROTO_TCP), TCP_NODELAY, &on, socklen_t(MemoryLayout<Int32>.size))
        clients.append(fd)
    }

    /// Reads one request from `fd` and answers it when its unit is here and not muted.
    /// Returns false when the connection is closed or broken.
    private func answer(_ fd: Int32) -> Bool {
        modbus_set_socket(context, fd)
        let length = modbus_receive(context, &request)
        guard length >= 0 else { return false }
        // MBAP header: transaction (2), protocol (2), length (2), unit id (1).
        guard length > 7 else { return true }
        let unit = Int(request[6])
        guard let map = units[unit], !control.isMuted(unit) else { return true }
        switch control.fault(unit) {
        case .exception(let code):
            return modbus_reply_exception(context, request, UInt32(code)) >= 0
        case .garble, .badCRC:
            // The request's MBAP header, then a one-byte read-coils answer whatever was asked:
            // complete and well framed, but not the answer to this request.
            let frame: [UInt8] = [request[0], request[1], 0, 0, 0, 4, request[6], request[7] == 0x01 ? 0x02 : 0x01, 1, 0]
            return write(fd, frame, frame.count) == frame.count
        case .slow(let delay):
            FaultDelay.sleep(delay)
        case nil:
            break
        }
        let sent = map.withMapping { modbus_reply(context, request, length, $0) }
        return sent >= 0
    }

    private func dropClient(_ fd: Int32) {
        close(fd)
        clients.removeAll { $0 == fd }
    }

    private func closeAll() {
        for fd in clients { close(fd) }
        clients.removeAll()
        if listenFD >= 0 {
            close(listenFD)
            listenFD = -1
        }
    }

    private static func localPort(of fd: Int32) -> Int? {
        var storage = sockaddr_storage()
        var length = socklen_t(MemoryLayout<sockaddr_storage>.size)
        let rc = withUnsafeMutablePointer(to: &storage) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        guard rc == 0 else { return nil }
        switch Int32(storage.ss_family) {
        case AF_INET:
            return withUnsafePointer(to: &storage) {
                $0.withMemoryRebound(to: sockaddr_in.self, capacity: 1) { Int(UInt16(bigEndian: $0.pointee.sin_port)) }
            }
        case AF_INET6:
            return withUnsafePointer(to: &storage) {
                $0.withMemoryRebound(to: sockaddr_in6.self, capacity: 1) { Int(UInt16(bigEndian: $0.pointee.sin6_port)) }
            }
        default:
            return nil
        }
    }
}
