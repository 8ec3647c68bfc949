import Foundation
import GatewayCore
import GatewayTesting

/// A child process of the rig (simulator or gateway) with its output in files, stopped
/// with SIGTERM (SIGKILL after a grace period) on `stop()`, which is idempotent.
public final class Spawned {
    public let name: String
    public let stdoutPath: String
    public let stderrPath: String
    private var child: ChildProcess
    /// How the first `stop()` went.
    private(set) var stopped: (exitCode: Int32, seconds: Double, killed: Bool)?

    /// `environment` entries are added to the benchmark's own.
    public init(name: String, binary: String, arguments: [String], folder: String, environment: [String: String] = [:]) throws {
        self.name = name
        stdoutPath = folder + "/\(name).out"
        stderrPath = folder + "/\(name).err"
        child = try ChildProcess(path: binary, arguments: arguments, stdout: stdoutPath, stderr: stderrPath, environment: environment)
    }

    public var pid: pid_t { child.pid }

    public var isRunning: Bool { child.isRunning() }

    /// SIGTERM, then SIGKILL when it has not exited within `grace`.
    @discardableResult
    public func stop(grace: Duration = .seconds(15)) -> (exitCode: Int32, seconds: Double, killed: Bool) {
        if let stopped { return stopped }
        let start = WallClock.monotonicNanoseconds()
        child.signal(SIGTERM)
        var killed = false
        if !child.wait(timeout: grace) {
            killed = true
            child.signal(SIGKILL)
            _ = child.wait(timeout: .seconds(5))
        }
        let result = (child.exitCode ?? -1, Double(WallClock.monotonicNanoseconds() - start) / 1e9, killed)
        stopped = result
        return result
    }

    /// The last lines of its standard error, for failure messages.
    public func stderrTail(lines: Int = 15) -> String {
        let text = (try? String(contentsOfFile: stderrPath, encoding: .utf8)) ?? ""
        return text.split(separator: "\n").suffix(lines).joined(separator: "\n")
    }

    /// Throws, with its last words, when it has exited.
    public func requireRunning() throws(BenchError) {
        guard !isRunning else { return }
        throw BenchError("\(name) exited (status \(child.exitCode ?? -1)); its stderr ends with:\n\(stderrTail())")
    }
}
