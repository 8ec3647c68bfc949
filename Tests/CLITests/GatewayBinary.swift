import Foundation
import GatewayTesting

/// The built `campus-gateway` executable, run as a child process the way a technician or
/// systemd runs it. Spawned with an empty signal mask (see `ChildProcess`), so SIGTERM
/// reaches it as it would under systemd.
struct GatewayBinary {
    static let repositoryRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path

    /// Next to the test bundle (the build folder), else `.build/debug`.
    static let path: String = {
        let beside = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for folder in [beside, beside.deletingLastPathComponent()] {
            let candidate = folder.appendingPathComponent("campus-gateway").path
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return repositoryRoot + "/.build/debug/campus-gateway"
    }()

    /// A path inside the repository, for arguments.
    static func file(_ relative: String) -> String { repositoryRoot + "/" + relative }

    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// Runs to completion (killed after `timeout`).
    static func run(_ arguments: [String], timeout: Duration = .seconds(30)) throws -> Result {
        let running = try start(arguments)
        if !running.waitForExit(timeout: timeout) { running.signal(SIGKILL) }
        return running.finish()
    }

    /// The same, waiting on a Dispatch thread: tests that run beside others must not hold one
    /// of the cooperative pool's two threads while a child runs.
    static func run(_ arguments: [String], timeout: Duration = .seconds(30)) async throws -> Result {
        try await offPool { try run(arguments, timeout: timeout) }
    }

    static func offPool<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global().async { continuation.resume(with: Swift.Result { try body() }) }
        }
    }

    static func start(_ arguments: [String], environment: [String: String] = [:]) throws -> Running {
        let directory = try TemporaryDirectory(prefix: "campus-gateway-cli")
        let child = try ChildProcess(path: path, arguments: arguments,
                                     stdout: directory.file("stdout"), stderr: directory.file("stderr"), environment: environment)
        return Running(child: child, directory: directory)
    }

    /// A started gateway process; output goes to files so a chatty child never blocks.
    final class Running: @unchecked Sendable {
        // @unchecked: `child` is only touched under `lock`.
        private let lock = NSLock()
        private var child: ChildProcess
        private let directory: TemporaryDirectory

        init(child: ChildProcess, directory: TemporaryDirectory) {
            self.child = child
            self.directory = directory
        }

        var isRunning: Bool { lock.withLock { child.isRunning() } }
        var stderrSoFar: String { (try? String(contentsOfFile: directory.file("stderr"), encoding: .utf8)) ?? "" }

        func signal(_ signal: Int32) { lock.withLock { child.signal(signal) } }

        func waitForExit(timeout: Duration) -> Bool { lock.withLock { child.wait(timeout: timeout) } }

        /// `waitForExit` on a Dispatch thread.
        func exit(within timeout: Duration) async -> Bool {
            (try? await GatewayBinary.offPool { self.waitForExit(timeout: timeout) }) ?? false
        }

        /// Waits for exit (kills after 30 s) and collects the output.
        func finish() -> Result {
            if !waitForExit(timeout: .seconds(30)) {
                signal(SIGKILL)
                _ = waitForExit(timeout: .seconds(5))
            }
            let read = { (name: String) in (try? String(contentsOfFile: self.directory.file(name), encoding: .utf8)) ?? "" }
            return Result(status: lock.withLock { child.exitCode ?? -1 }, stdout: read("stdout"), stderr: read("stderr"))
        }
    }
}
