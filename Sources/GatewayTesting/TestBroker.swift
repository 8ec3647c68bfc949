import Foundation
import GatewayCore

/// A real mosquitto broker on a free 127.0.0.1 port, run as a child process with its own
/// config and log in a temporary directory. Stopped (never left running) on `shutdown()` or
/// `deinit`.
public final class TestBroker: Sendable {
    public static let executable = "/usr/sbin/mosquitto"

    public let host = "127.0.0.1"
    /// The listener the gateway uses: TLS when the broker has certificates. Set only in
    /// `init` (a new one when another process took the first), never after.
    public nonisolated(unsafe) private(set) var port: Int
    /// A plain listener for test subscribers: `port` itself without TLS, else a second one.
    public nonisolated(unsafe) private(set) var plainPort: Int
    private let persistence: Bool
    private let tcpNoDelay: Bool
    public let certificates: TestCertificates?
    public let directory: TemporaryDirectory
    public var url: String { "\(certificates == nil ? "mqtt" : "mqtts")://\(host):\(port)" }
    public var configPath: String { directory.file("mosquitto.conf") }
    public var logPath: String { directory.file("mosquitto.log") }

    private let lock = ConditionLock()
    /// Guarded by `lock`.
    private nonisolated(unsafe) var process: ChildProcess?

    /// Writes the config and, unless `start` is false, starts the broker and waits until it
    /// accepts connections. `persistence` keeps sessions and queued messages across
    /// `restart()` (saved on SIGTERM), for tests whose subscriber must not miss anything
    /// while the broker is down. `tcpNoDelay` turns Nagle's algorithm off towards clients:
    /// left on (mosquitto's default), an alarm sent within ~40 ms after a QoS 0 message (the
    /// heartbeat) waits for the subscriber's delayed ACK (docs/benchmarks.md).
    ///
    /// With `certificates`, `port` is a TLS listener that requires a client certificate
    /// signed by their CA (mutual TLS, TLS 1.2+), and `plainPort` a plain one for subscribers.
    ///
    /// Without a given `port`, a free one is drawn; should another process (a child of the
    /// test drawing from the same range) bind it first, the broker starts on a new one.
    public init(
        port: Int? = nil, persistence: Bool = false, tcpNoDelay: Bool = true, start: Bool = true,
        certificates: TestCertificates? = nil
    ) throws {
        let chosen = port ?? FreePort.next()
        self.port = chosen
        self.certificates = certificates
        self.persistence = persistence
        self.tcpNoDelay = tcpNoDelay
        plainPort = certificates == nil ? chosen : FreePort.next()
        directory = try TemporaryDirectory(prefix: "mosquitto")
        try writeConfig()
        guard start else { return }
        for attempt in 1... {
            do {
                try self.start()
                return
            } catch let error as TestBrokerError where port == nil && attempt < 3 && error.log.contains("Address already in use") {
                self.port = FreePort.next()
                plainPort = certificates == nil ? self.port : FreePort.next()
                try writeConfig()
            }
        }
    }

    private func writeConfig() throws {
        // Started as root, mosquitto switches to user `mosquitto`, which could then not
        // write its log or persistence file in our 0700 directory: stay the current user.
        let user = getpwuid(geteuid()).flatMap { $0.pointee.pw_name.map { String(cString: $0) } } ?? "root"
        var config = """
            user \(user)
            listener \(port) 127.0.0.1
            allow_anonymous true
            log_dest file \(directory.file("mosquitto.log"))
            log_type all
            log_timestamp_format %H:%M:%S
            max_queued_messages 100000
            set_tcp_nodelay \(tcpNoDelay ? "true" : "false")
            persistence \(persistence ? "true" : "false")

            """
        if persistence { config += "persistence_location \(directory.path)/\n" }
        if let certificates {
            config += """
                cafile \(certificates.caFile)
                certfile \(certificates.serverCertificate)
                keyfile \(certificates.serverKey)
                require_certificate true
                tls_version tlsv1.2
                listener \(plainPort) 127.0.0.1

                """
        }
        try config.write(toFile: directory.file("mosquitto.conf"), atomically: true, encoding: .utf8)
    }

    deinit { shutdown() }

    public var isRunning: Bool { lock.withLock { process?.isRunning() ?? false } }

    /// Whether the broker's port accepts a TCP connection right now.
    public var acceptsConnections: Bool { PortProbe.accepts(host: host, port: port) }

    /// Starts the broker and waits (up to `timeout`) until its port accepts connections.
    public func start(timeout: Duration = .seconds(10)) throws {
        let logOffset = logSize
        try lock.withLock {
            guard process == nil else { return }
            process = try ChildProcess(path: Self.executable, arguments: ["-c", configPath])
        }
        let deadline = WallClock.monotonicNanoseconds() + timeout.nanoseconds
        // Ready when this broker (not some other process on the port) says it runs and the
        // port accepts connections.
        while !(startedSince(logOffset) && PortProbe.accepts(host: host, port: port)) {
            let exited = !isRunning
            if exited || WallClock.monotonicNanoseconds() >= deadline {
                stop()
                throw TestBrokerError(
                    message: "mosquitto did not accept connections on \(host):\(port) "
                        + (exited ? "(it exited)" : "within \(timeout)"),
                    log: log
                )
            }
            usleep(10_000)
        }
    }

    /// SIGTERM, then waits up to `timeout` for the broker to exit (SIGKILL after that).
    public func stop(timeout: Duration = .seconds(5)) {
        lock.withLock {
            guard var child = process else { return }
            defer { process = nil }
            guard child.isRunning() else { return }
            child.signal(SIGTERM)
            let deadline = WallClock.monotonicNanoseconds() + timeout.nanoseconds
            while child.isRunning(), WallClock.monotonicNanoseconds() < deadline { usleep(2_000) }
            if child.isRunning() {
                child.signal(SIGKILL)
                while child.isRunning() { usleep(2_000) }
            }
        }
    }

    /// Stops and starts again on the same port (sessions survive only with `persistence`).
    public func restart() throws {
        stop()
        try start()
    }

    /// Stops the broker and removes its directory. Safe to call more than once.
    public func shutdown() {
        stop()
        directory.remove()
    }

    private var logSize: Int {
        ((try? FileManager.default.attributesOfItem(atPath: logPath))?[.size] as? NSNumber)?.intValue ?? 0
    }

    /// Whether the log written after `offset` has mosquitto's "running" line.
    private func startedSince(_ offset: Int) -> Bool {
        guard let handle = FileHandle(forReadingAtPath: logPath) else { return false }
        defer { try? handle.close() }
        guard (try? handle.seek(toOffset: UInt64(offset))) != nil, let data = try? handle.readToEnd() else { return false }
        return String(decoding: data, as: UTF8.self).contains(" running")
    }

    /// The broker's log so far, for failure messages.
    public var log: String {
        (try? String(contentsOfFile: logPath, encoding: .utf8)) ?? "(no log at \(logPath))"
    }
}

public struct TestBrokerError: Error, CustomStringConvertible {
    public let message: String
    public let log: String
    public var description: String { "\(message)\n--- mosquitto log ---\n\(log)" }
}
