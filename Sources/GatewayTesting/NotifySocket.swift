#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Dispatch

/// The socket systemd gives a `Type=notify` service, made by a test: an `AF_UNIX` datagram
/// socket bound to a path in a temporary folder. Set `NOTIFY_SOCKET` to `path` for the
/// process under test and read what it says with `next`.
public final class NotifySocket: Sendable {
    public let path: String
    private let fd: Int32
    private let directory: TemporaryDirectory

    public init() throws {
        directory = try TemporaryDirectory(prefix: "notify")
        path = directory.file("notify.sock")
        fd = socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard fd >= 0 else { throw ChildProcessError(message: "socket: errno \(errno)") }
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        let bytes = Array(path.utf8)
        withUnsafeMutableBytes(of: &address.sun_path) { raw in
            raw.copyBytes(from: bytes)
            raw[bytes.count] = 0
        }
        let rc = withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
        }
        guard rc == 0 else {
            close(fd)
            throw ChildProcessError(message: "bind \(path): errno \(errno)")
        }
    }

    deinit { close(fd) }

    /// The next datagram, or nil when none arrives within `timeout`. The wait blocks in
    /// `poll(2)` on a Dispatch thread, never on Swift's cooperative pool, which the gateway
    /// under test (and every other test) needs.
    public func next(timeout: Duration) async -> String? {
        await withCheckedContinuation { continuation in
            DispatchQueue.global().async { continuation.resume(returning: self.nextBlocking(timeout: timeout)) }
        }
    }

    private func nextBlocking(timeout: Duration) -> String? {
        var poller = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
        let milliseconds = Int32(timeout.components.seconds * 1000 + timeout.components.attoseconds / 1_000_000_000_000_000)
        guard poll(&poller, 1, milliseconds) == 1 else { return nil }
        var buffer = [UInt8](repeating: 0, count: 4096)
        let n = recv(fd, &buffer, buffer.count, 0)
        guard n > 0 else { return nil }
        return String(decoding: buffer[..<n], as: UTF8.self)
    }

    /// Reads datagrams until one satisfies `predicate`; the messages read on the way are
    /// returned too, in order. Nil when `timeout` passes first.
    public func next(timeout: Duration, where predicate: (String) -> Bool) async -> (match: String, before: [String])? {
        let deadline = ContinuousClock.now + timeout
        var before: [String] = []
        while ContinuousClock.now < deadline {
            guard let message = await next(timeout: deadline - ContinuousClock.now) else { return nil }
            if predicate(message) { return (message, before) }
            before.append(message)
        }
        return nil
    }
}
