#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One connection to the simulator's loopback control port: a line out, a line back
/// (docs/simulator.md). Blocking, with a 2 s receive timeout. Not thread-safe.
final class ControlClient {
    private let fd: Int32
    private var buffer: [UInt8] = []

    /// Connects to 127.0.0.1:`port`; nil while nothing listens there.
    init?(port: Int) {
        #if canImport(Glibc)
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        #else
        let fd = socket(AF_INET, SOCK_STREAM, 0)
        #endif
        guard fd >= 0 else { return nil }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let rc = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard rc == 0 else {
            close(fd)
            return nil
        }
        var one: Int32 = 1
        setsockopt(fd, Int32(IPPROTO_TCP), TCP_NODELAY, &one, socklen_t(MemoryLayout<Int32>.size))
        var timeout = timeval(tv_sec: 2, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        self.fd = fd
    }

    deinit { close(fd) }

    /// Sends `command` and returns the reply line; throws when the reply is not `ok…`.
    @discardableResult
    func send(_ command: String) throws(BenchError) -> String {
        let bytes = Array((command + "\n").utf8)
        var sent = 0
        while sent < bytes.count {
            let n = bytes[sent...].withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
            guard n > 0 else { throw BenchError("control port: write failed (errno \(errno)) for '\(command)'") }
            sent += n
        }
        let reply = try readLine(for: command)
        guard reply == "ok" || reply.hasPrefix("ok ") else { throw BenchError("simulator refused '\(command)': \(reply)") }
        return reply
    }

    private func readLine(for command: String) throws(BenchError) -> String {
        var chunk = [UInt8](repeating: 0, count: 512)
        while true {
            if let newline = buffer.firstIndex(of: UInt8(ascii: "\n")) {
                let line = String(decoding: buffer[..<newline], as: UTF8.self)
                buffer.removeSubrange(...newline)
                return line
            }
            let n = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            guard n > 0 else {
                throw BenchError("control port: no reply to '\(command)' (\(n == 0 ? "closed" : "errno \(errno)"))")
            }
            buffer += chunk[..<n]
        }
    }
}
