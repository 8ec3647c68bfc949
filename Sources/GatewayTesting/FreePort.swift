import GatewayCore

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A TCP port on 127.0.0.1 that nothing listens on right now.
public enum FreePort {
    private static let handedOut = HandedOutPorts()

    /// Ports are drawn from below Linux's ephemeral range (32768–60999 by default): a port
    /// the kernel picked for `bind(0)` could be taken again by any outgoing connection (the
    /// gateway's, a subscriber's) before the test's server binds it. A port is checked free
    /// by binding it, and never handed out twice in one process.
    public static let range = 20000..<32768

    public static func next() -> Int {
        while true {
            let port = Int.random(in: range)
            if isFree(port), handedOut.claim(port) { return port }
        }
    }

    private static func isFree(_ port: Int) -> Bool {
        #if canImport(Glibc)
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        #else
        let fd = socket(AF_INET, SOCK_STREAM, 0)
        #endif
        precondition(fd >= 0, "socket() failed: errno \(errno)")
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        return bound == 0
    }
}

/// Ports `FreePort` gave out in this process.
private final class HandedOutPorts: Sendable {
    private let lock = ConditionLock()
    private nonisolated(unsafe) var ports = Set<Int>()

    func claim(_ port: Int) -> Bool { lock.withLock { ports.insert(port).inserted } }
}
