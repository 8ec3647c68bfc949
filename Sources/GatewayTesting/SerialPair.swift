import Foundation

/// Two connected pseudo-terminals made by `socat`, standing in for an RS-485 line: a
/// simulated device opens one end, the gateway the other. Started in `init`, stopped in
/// `stop()` or `deinit`.
public final class SerialPair: @unchecked Sendable {
    // @unchecked: `child` is only touched under `lock`; the paths never change.
    public let serverPath: String
    public let clientPath: String
    private let directory: TemporaryDirectory
    private let lock = NSLock()
    private var child: ChildProcess

    public static let socat = "/usr/bin/socat"

    public struct Failure: Error, CustomStringConvertible {
        public let description: String
        public init(description: String) { self.description = description }
    }

    public init() throws {
        directory = try TemporaryDirectory(prefix: "campus-gateway-pty")
        serverPath = directory.file("server")
        clientPath = directory.file("client")
        child = try ChildProcess(path: Self.socat, arguments: [
            "pty,raw,echo=0,link=\(serverPath)", "pty,raw,echo=0,link=\(clientPath)",
        ])
        // socat makes the links once both ptys exist; give it at most 5 s.
        let deadline = ContinuousClock.now + .seconds(5)
        while !(FileManager.default.fileExists(atPath: serverPath) && FileManager.default.fileExists(atPath: clientPath)) {
            guard ContinuousClock.now < deadline, lock.withLock({ child.isRunning() }) else {
                stop()
                throw Failure(description: "socat did not make the pty links \(serverPath) and \(clientPath) within 5 s")
            }
            usleep(20_000)
        }
    }

    deinit { stop() }

    /// Ends socat (the pty pair disappears) and removes the links. Idempotent.
    public func stop() {
        lock.withLock {
            child.signal(SIGTERM)
            if !child.wait(timeout: .seconds(2)) {
                child.signal(SIGKILL)
                _ = child.wait(timeout: .seconds(2))
            }
        }
        directory.remove()
    }
}
