import GatewayCore

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A TCP port on 127.0.0.1 that nothing listens on right now.
public enum FreePort {
    private static let handedOut = HandedOutPorts()

    /// Binds 127.0.0.1:0, reads the port the kernel chose and closes the socket. The kernel
    /// may choose a just-closed port again, so a port is never handed out twice in one
    /// process (parallel tests would share a broker port). Another process could still take
    /// the port before it is used; tests accept that small race.
    public static func next() -> Int {
        while true {
            let port = kernelChosenPort()
            if handedOut.claim(port) { return port }
        }
    }

    private static func kernelChosenPort() -> Int {
        #if canImport(Glibc)
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        #else
        let fd = socket(AF_INET, SOCK_STREAM, 0)
        #endif
        precondition(fd >= 0, "socket() failed: errno \(errno)")
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        precondition(bound == 0, "bind(127.0.0.1:0) failed: errno \(errno)")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let named = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        precondition(named == 0, "getsockname failed: errno \(errno)")
        return Int(UInt16(bigEndian: address.sin_port))
    }
}

/// Ports `FreePort` gave out in this process.
private final class HandedOutPorts: Sendable {
    private let lock = ConditionLock()
    private nonisolated(unsafe) var ports = Set<Int>()

    func claim(_ port: Int) -> Bool { lock.withLock { ports.insert(port).inserted } }
}
