import GatewayCore

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The thread of a `SimulatorControlServer`: accepts loopback clients, cuts what they send
/// into lines and writes one reply line for each.
///
/// `@unchecked Sendable`: the sockets and buffers are touched by the serving thread alone
/// (after `init` on the starting thread); `stopping` is guarded by `lock`.
final class ControlLoop: @unchecked Sendable {
    /// Longest command line accepted; longer ones are refused with an error reply.
    static let maxLine = 4096

    let port: Int
    private let commandLine: SimulatorCommandLine
    private var listenFD: Int32
    private var clients: [Int32: Client] = [:]
    private let lock = ConditionLock()
    private var stopping = false

    private struct Client {
        var pending: [UInt8] = []
        /// Dropping the rest of a line that was too long.
        var discarding = false
    }

    init(port: Int, commandLine: SimulatorCommandLine) throws(SimulatorError) {
        self.commandLine = commandLine
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw SimulatorError("control server: socket: \(Self.systemMessage(errno))") }
        var on: Int32 = 1
        _ = setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &on, socklen_t(MemoryLayout<Int32>.size))
        _ = fcntl(fd, F_SETFD, FD_CLOEXEC)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = UInt16(port).bigEndian
        address.sin_addr.s_addr = UInt32(0x7F00_0001).bigEndian  // 127.0.0.1: never reachable from outside
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0, listen(fd, 16) == 0 else {
            let code = errno
            // Closed here, not in deinit: `listenFD` is not set yet, so deinit does not run.
            close(fd)
            throw SimulatorError("control server: cannot listen on 127.0.0.1:\(port): \(Self.systemMessage(code))")
        }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        listenFD = fd
        self.port = Int(UInt16(bigEndian: address.sin_port))
    }

    deinit {
        closeAll()
    }

    /// Asks the loop to end; it notices within one poll interval (100 ms).
    func requestStop() {
        lock.withLock { stopping = true }
    }

    func run() {
        defer { closeAll() }
        var fds: [pollfd] = []
        var chunk = [UInt8](repeating: 0, count: 4096)
        while !lock.withLock({ stopping }) {
            fds.removeAll(keepingCapacity: true)
            fds.append(pollfd(fd: listenFD, events: Int16(POLLIN), revents: 0))
            for fd in clients.keys { fds.append(pollfd(fd: fd, events: Int16(POLLIN), revents: 0)) }
            // A short timeout instead of a wake-up pipe: stopping is rare and may take 100 ms.
            guard poll(&fds, nfds_t(fds.count), 100) > 0 else { continue }
            if fds[0].revents != 0 {
                let fd = accept(listenFD, nil, nil)
                if fd >= 0 {
                    _ = fcntl(fd, F_SETFD, FD_CLOEXEC)
                    clients[fd] = Client()
                }
            }
            for entry in fds.dropFirst() where entry.revents != 0 {
                let count = read(entry.fd, &chunk, chunk.count)
                if count <= 0 || !received(chunk[0..<count], from: entry.fd) {
                    close(entry.fd)
                    clients[entry.fd] = nil
                }
            }
        }
    }

    /// Answers every complete line. Returns false when the client must be dropped.
    private func received(_ bytes: ArraySlice<UInt8>, from fd: Int32) -> Bool {
        guard var client = clients[fd] else { return false }
        defer { clients[fd] = client }
        client.pending.append(contentsOf: bytes)
        while let newline = client.pending.firstIndex(of: UInt8(ascii: "\n")) {
            let line = client.pending[..<newline]
            client.pending.removeSubrange(...newline)
            if client.discarding {
                client.discarding = false
                continue
            }
            let reply = commandLine.reply(to: String(decoding: line, as: UTF8.self))
            guard answer(reply, to: fd) else { return false }
        }
        if client.pending.count > Self.maxLine {
            client.pending.removeAll()
            client.discarding = true
            return answer("error: line longer than \(Self.maxLine) bytes", to: fd)
        }
        return true
    }

    private func answer(_ reply: String, to fd: Int32) -> Bool {
        var bytes = Array(reply.utf8)
        bytes.append(UInt8(ascii: "\n"))
        var sent = 0
        while sent < bytes.count {
            // MSG_NOSIGNAL: a client that went away must not kill the process with SIGPIPE.
            let n = bytes[sent...].withUnsafeBytes { send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            if n <= 0 {
                if n < 0 && errno == EINTR { continue }
                return false
            }
            sent += n
        }
        return true
    }

    private func closeAll() {
        for fd in clients.keys { close(fd) }
        clients.removeAll()
        if listenFD >= 0 {
            close(listenFD)
            listenFD = -1
        }
    }

    private static func systemMessage(_ code: Int32) -> String {
        var buffer = [CChar](repeating: 0, count: 128)
        guard strerror_r(code, &buffer, buffer.count) == 0 else { return "error \(code)" }
        return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
