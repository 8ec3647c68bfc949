#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One connection to the simulator's loopback control port: a line out, a line back
/// (docs/simulator.md). Blocking, with a 2 s receive timeout. Not thread-safe.
public final class ControlPortClient {
    private let fd: Int32
    private var buffer: [UInt8] = []

    public struct Failure: Error, CustomStringConvertible {
        public let description: String
    }

    /// Connects to 127.0.0.1:`port`; nil while nothing listens there.
    public init?(port: Int) {
        guard let fd = LoopbackSocket.connected(port: port) else { return nil }
        var one: Int32 = 1
        setsockopt(fd, Int32(IPPROTO_TCP), TCP_NODELAY, &one, socklen_t(MemoryLayout<Int32>.size))
        var timeout = timeval(tv_sec: 2, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        self.fd = fd
    }

    /// Connects, retrying until `timeout` while the simulator is still starting.
    public static func connect(port: Int, timeout: Duration = .seconds(10)) throws(Failure) -> ControlPortClient {
        let deadline = ContinuousClock.now + timeout
        while true {
            if let client = ControlPortClient(port: port) { return client }
            guard ContinuousClock.now < deadline else { throw Failure(description: "nothing listens on control port \(port)") }
            usleep(20_000)
        }
    }

    deinit { close(fd) }

    /// Sends one command line and returns the reply line as it is (`ok…` or `error: …`).
    public func reply(to command: String) throws(Failure) -> String {
        try send(Array((command + "\n").utf8), naming: command)
        return try nextLine(after: command)
    }

    /// Sends every command in one write and returns their replies in order: a thousand
    /// changes cost one round trip instead of a thousand.
    public func replies(to commands: [String]) throws(Failure) -> [String] {
        guard let first = commands.first else { return [] }
        try send(Array((commands.joined(separator: "\n") + "\n").utf8), naming: first)
        var lines: [String] = []
        lines.reserveCapacity(commands.count)
        for command in commands { lines.append(try nextLine(after: command)) }
        return lines
    }

    private func send(_ bytes: [UInt8], naming command: String) throws(Failure) {
        var sent = 0
        while sent < bytes.count {
            let n = bytes[sent...].withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
            guard n > 0 else { throw Failure(description: "control port: write failed (errno \(errno)) for '\(command)'") }
            sent += n
        }
    }

    private func nextLine(after command: String) throws(Failure) -> String {
        var chunk = [UInt8](repeating: 0, count: 4096)
        while true {
            if let newline = buffer.firstIndex(of: UInt8(ascii: "\n")) {
                let line = String(decoding: buffer[..<newline], as: UTF8.self)
                buffer.removeSubrange(...newline)
                return line
            }
            let n = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            guard n > 0 else {
                throw Failure(description: "control port: no reply to '\(command)' (\(n == 0 ? "closed" : "errno \(errno)"))")
            }
            buffer += chunk[..<n]
        }
    }
}
