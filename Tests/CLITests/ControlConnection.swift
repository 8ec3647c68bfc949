import Foundation

/// A line-oriented TCP client for the simulator's loopback control port.
final class ControlConnection {
    private let fd: Int32

    /// Connects to 127.0.0.1:`port`, retrying until `timeout` (the simulator may still be starting).
    init(port: Int, timeout: Duration = .seconds(10)) throws {
        let deadline = ContinuousClock.now + timeout
        while true {
            let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
            var address = sockaddr_in()
            address.sin_family = sa_family_t(AF_INET)
            address.sin_port = in_port_t(UInt16(port).bigEndian)
            address.sin_addr.s_addr = inet_addr("127.0.0.1")
            let rc = withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
            }
            if rc == 0 {
                self.fd = fd
                var timeout = timeval(tv_sec: 5, tv_usec: 0)
                setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
                return
            }
            close(fd)
            guard ContinuousClock.now < deadline else { throw CocoaError(.fileReadUnknown) }
            usleep(20_000)
        }
    }

    deinit { close(fd) }

    /// Sends one command line and returns the one reply line.
    func send(_ line: String) -> String {
        let bytes = Array((line + "\n").utf8)
        _ = bytes.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
        var reply: [UInt8] = []
        var byte: UInt8 = 0
        while read(fd, &byte, 1) == 1 {
            if byte == UInt8(ascii: "\n") { break }
            reply.append(byte)
        }
        return String(decoding: reply, as: UTF8.self)
    }
}
