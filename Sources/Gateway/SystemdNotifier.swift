#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Speaks systemd's notification protocol (sd_notify(3)) itself: one datagram per message
/// to the `AF_UNIX` socket named in `NOTIFY_SOCKET` (a path, or `@name` in the abstract
/// namespace). Without `NOTIFY_SOCKET`, as when run by hand, every message is a no-op.
public struct SystemdNotifier: Sendable {
    /// The socket address; nil when not run by systemd with `Type=notify`.
    public let socketPath: String?
    /// How often systemd expects `WATCHDOG=1`; nil when the watchdog is off or meant for
    /// another process (`WATCHDOG_PID`).
    public let watchdogInterval: Duration?

    public init(environment: [String: String]) {
        let path = environment["NOTIFY_SOCKET"].flatMap { $0.isEmpty ? nil : $0 }
        socketPath = path
        if let usec = environment["WATCHDOG_USEC"].flatMap(UInt64.init), usec > 0,
           environment["WATCHDOG_PID"].flatMap(Int32.init).map({ $0 == getpid() }) ?? true
        {
            watchdogInterval = .microseconds(usec)
        } else {
            watchdogInterval = nil
        }
    }

    public var isEnabled: Bool { socketPath != nil }

    /// Services are up: polling runs and the status server listens.
    public func ready(status: String) { send("READY=1\nSTATUS=\(status)") }
    public func status(_ text: String) { send("STATUS=\(text)") }
    public func watchdog() { send("WATCHDOG=1") }
    public func stopping() { send("STOPPING=1\nSTATUS=stopping") }

    /// A reload began; `ready(status:)` ends it. `MONOTONIC_USEC` is what `Type=notify-reload`
    /// needs to match the reload to its request.
    public func reloading() {
        var now = timespec()
        clock_gettime(CLOCK_MONOTONIC, &now)
        let usec = UInt64(now.tv_sec) * 1_000_000 + UInt64(now.tv_nsec) / 1000
        send("RELOADING=1\nSTATUS=reloading\nMONOTONIC_USEC=\(usec)")
    }

    /// Sends `message` as one datagram; false when there is no socket or sending failed
    /// (systemd not listening is never a reason to stop the gateway).
    @discardableResult
    public func send(_ message: String) -> Bool {
        guard let socketPath else { return false }
        let fd = socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        var pathBytes = Array(socketPath.utf8)
        // "@name" is the abstract namespace: a leading NUL, and the length counts exactly.
        let abstract = pathBytes.first == UInt8(ascii: "@")
        if abstract { pathBytes[0] = 0 }
        let capacity = MemoryLayout.size(ofValue: address.sun_path)
        guard pathBytes.count < capacity else { return false }
        withUnsafeMutableBytes(of: &address.sun_path) { raw in
            raw.copyBytes(from: pathBytes)
            if !abstract { raw[pathBytes.count] = 0 }
        }
        let length = socklen_t(MemoryLayout<sa_family_t>.size + pathBytes.count + (abstract ? 0 : 1))
        let sent = message.withCString { text in
            withUnsafePointer(to: &address) { pointer in
                pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { sendto(fd, text, strlen(text), Int32(MSG_NOSIGNAL), $0, length) }
            }
        }
        return sent >= 0
    }
}
