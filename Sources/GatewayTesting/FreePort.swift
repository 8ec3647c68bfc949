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
        LoopbackSocket.canBind(port: port)
    }
}

/// Ports `FreePort` gave out in this process.
private final class HandedOutPorts: Sendable {
    private let lock = ConditionLock()
    private nonisolated(unsafe) var ports = Set<Int>()

    func claim(_ port: Int) -> Bool { lock.withLock { ports.insert(port).inserted } }
}
