import GatewayCore

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A TCP relay on a free 127.0.0.1 port in front of a broker, for outages the broker itself
/// cannot stage: `hold()` swallows what clients send (so it is never acknowledged) while
/// their connections stay open, `cut()` resets every connection and refuses new ones until
/// `resume()`. The broker and its other clients (a test subscriber) keep running throughout.
public final class TCPProxy: Sendable {
    public let host = "127.0.0.1"
    public let port: Int
    private let targetPort: Int
    private let listener: Int32
    private let control = Control()

    private enum Mode { case forwarding, holding, down }

    /// Listens now and relays each accepted connection to `targetHost:targetPort`.
    public init(targetPort: Int) throws {
        self.targetPort = targetPort
        port = FreePort.next()
        let fd = LoopbackSocket.tcp()
        guard fd >= 0 else { throw TCPProxyError(message: "socket() failed: errno \(errno)") }
        var yes: Int32 = 1
        _ = setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &yes, socklen_t(MemoryLayout<Int32>.size))
        var address = LoopbackSocket.address(port: port)
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0, listen(fd, 16) == 0 else {
            close(fd)
            throw TCPProxyError(message: "cannot listen on \(port): errno \(errno)")
        }
        listener = fd
        let relay = Relay(listener: fd, targetPort: targetPort, control: control)
        do {
            let started = try DedicatedThread(name: "tcp-proxy \(port)") { relay.run() }
            control.lock.withLock { control.thread = started }
        } catch {
            close(fd)
            throw TCPProxyError(message: "\(error)")
        }
    }

    deinit { shutdown() }

    /// From now on, bytes from clients are read and dropped; nothing reaches the broker and
    /// nothing is acknowledged. Connections stay open.
    public func hold() { control.change { $0.mode = .holding } }

    /// Resets every relayed connection and refuses new ones (accepted, then closed at once).
    public func cut() {
        control.change {
            $0.mode = .down
            $0.cutRequested = true
        }
    }

    /// Relays again, for connections made from now on.
    public func resume() { control.change { $0.mode = .forwarding } }

    /// Stops relaying and closes every socket. Safe to call more than once.
    public func shutdown() {
        let running = control.lock.withLock { () -> DedicatedThread? in
            control.stopRequested = true
            defer { control.thread = nil }
            return control.thread
        }
        guard let running else { return }
        running.join()
        close(listener)
    }

    /// What the test asks for, shared by the proxy and its relay thread (which must not
    /// keep the proxy itself alive).
    private final class Control: Sendable {
        let lock = ConditionLock()
        // Guarded by `lock`.
        nonisolated(unsafe) var mode = Mode.forwarding
        nonisolated(unsafe) var cutRequested = false
        nonisolated(unsafe) var stopRequested = false
        nonisolated(unsafe) var thread: DedicatedThread?
        /// Changes asked for and changes the relay has taken up.
        nonisolated(unsafe) var requested = 0
        nonisolated(unsafe) var applied = 0

        /// Applies `body` and returns once the relay acts on it (before its next read), so a
        /// test knows no byte is relayed under the old mode after this returns.
        func change(_ body: (Control) -> Void) {
            lock.withLock {
                body(self)
                requested += 1
                let target = requested
                while applied < target, thread != nil { _ = lock.wait(untilMonotonic: nil) }
            }
        }

        func take() -> (mode: Mode, cut: Bool, stop: Bool) {
            defer { lock.broadcast() }
            return lock.withLock {
                defer {
                    cutRequested = false
                    applied = requested
                }
                return (mode, cutRequested, stopRequested)
            }
        }
    }

    /// The relay thread's own state: the connection pairs, touched only by that thread.
    private struct Relay: Sendable {
        let listener: Int32
        let targetPort: Int
        let control: Control

        func run() {
            var pairs: [(client: Int32, broker: Int32)] = []
            var buffer = [UInt8](repeating: 0, count: 65536)
            defer { for pair in pairs { reset(pair.client); reset(pair.broker) } }
            while true {
                let (mode, cut, stop) = control.take()
                if stop { return }
                if cut {
                    for pair in pairs { reset(pair.client); reset(pair.broker) }
                    pairs.removeAll()
                }
                var fds = [pollfd(fd: listener, events: Int16(POLLIN), revents: 0)]
                for pair in pairs {
                    fds.append(pollfd(fd: pair.client, events: Int16(POLLIN), revents: 0))
                    // While holding, what the broker sends stays unread: no PUBACK gets through.
                    fds.append(pollfd(fd: pair.broker, events: mode == .forwarding ? Int16(POLLIN) : 0, revents: 0))
                }
                // Short, so `hold`, `cut` and `shutdown` take effect between two reads.
                guard poll(&fds, nfds_t(fds.count), 10) > 0 else { continue }
                var closed = Set<Int>()
                for (index, pair) in pairs.enumerated() {
                    let clientReady = fds[1 + 2 * index].revents != 0
                    let brokerReady = fds[2 + 2 * index].revents != 0
                    if clientReady, !relay(from: pair.client, to: mode == .forwarding ? pair.broker : nil, &buffer) {
                        closed.insert(index)
                    }
                    if brokerReady, mode == .forwarding, !relay(from: pair.broker, to: pair.client, &buffer) {
                        closed.insert(index)
                    }
                }
                for index in closed.sorted(by: >) {
                    reset(pairs[index].client)
                    reset(pairs[index].broker)
                    pairs.remove(at: index)
                }
                // After the pairs polled above, so their indices still match `fds`.
                if fds[0].revents & Int16(POLLIN) != 0 {
                    let accepted = accept(listener, nil, nil)
                    if accepted >= 0 {
                        if mode == .down {
                            reset(accepted)
                        } else if let upstream = LoopbackSocket.connected(port: targetPort) {
                            pairs.append((accepted, upstream))
                        } else {
                            reset(accepted)
                        }
                    }
                }
            }
        }

        /// One read from `source`, written whole to `destination` (dropped when nil). False
        /// when the connection ended.
        private func relay(from source: Int32, to destination: Int32?, _ buffer: inout [UInt8]) -> Bool {
            let count = buffer.withUnsafeMutableBytes { read(source, $0.baseAddress, $0.count) }
            guard count > 0 else { return false }
            guard let destination else { return true }
            var written = 0
            while written < count {
                let n = buffer.withUnsafeBytes { write(destination, $0.baseAddress! + written, count - written) }
                guard n > 0 else { return false }
                written += n
            }
            return true
        }

        /// Closes with an RST, as a crashed peer or a cut cable would end it.
        private func reset(_ fd: Int32) {
            var option = linger(l_onoff: 1, l_linger: 0)
            _ = setsockopt(fd, SOL_SOCKET, SO_LINGER, &option, socklen_t(MemoryLayout<linger>.size))
            close(fd)
        }
    }
}

public struct TCPProxyError: Error, CustomStringConvertible {
    public let message: String
    public var description: String { message }
}
