#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The few raw IPv4 socket calls the harness needs, written once.
enum LoopbackSocket {
    static func tcp() -> Int32 {
        #if canImport(Glibc)
        socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        #else
        socket(AF_INET, SOCK_STREAM, 0)
        #endif
    }

    static func address(host: String = "127.0.0.1", port: Int) -> sockaddr_in {
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr(host)
        return address
    }

    /// A socket connected to host:port, or nil when nothing accepts there.
    static func connected(host: String = "127.0.0.1", port: Int) -> Int32? {
        let fd = tcp()
        guard fd >= 0 else { return nil }
        var address = address(host: host, port: port)
        let rc = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard rc == 0 else {
            close(fd)
            return nil
        }
        return fd
    }

    /// Whether host:port can be bound right now.
    static func canBind(host: String = "127.0.0.1", port: Int) -> Bool {
        let fd = tcp()
        precondition(fd >= 0, "socket() failed: errno \(errno)")
        defer { close(fd) }
        var address = address(host: host, port: port)
        let rc = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        return rc == 0
    }
}
