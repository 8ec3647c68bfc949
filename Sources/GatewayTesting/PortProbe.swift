#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Whether something accepts TCP connections on an IPv4 address and port.
enum PortProbe {
    static func accepts(host: String, port: Int) -> Bool {
        guard let fd = LoopbackSocket.connected(host: host, port: port) else { return false }
        close(fd)
        return true
    }
}
