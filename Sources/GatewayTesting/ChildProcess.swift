#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A child process started with `posix_spawn` and reaped with `waitpid`, so its exit is seen
/// at once (Foundation's `Process` noticed mosquitto's exit only seconds later here).
/// Not thread-safe: its owner serialises access.
public struct ChildProcess {
    public let pid: pid_t
    /// The raw `waitpid` status once the child has been reaped.
    public private(set) var exitStatus: Int32?

    /// Starts `path` with `arguments`; stdin on /dev/null, stdout and stderr to the given
    /// files (created or truncated) or /dev/null. `environment` entries are added to this
    /// process's environment (a value replaces the inherited one), or are the whole
    /// environment when `inheritEnvironment` is false.
    public init(
        path: String, arguments: [String], stdout: String? = nil, stderr: String? = nil, environment: [String: String] = [:],
        inheritEnvironment: Bool = true
    ) throws(ChildProcessError) {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, stdout ?? "/dev/null", O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        posix_spawn_file_actions_addopen(&actions, 2, stderr ?? "/dev/null", O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        let argv: [UnsafeMutablePointer<CChar>?] = ([path] + arguments).map { strdup($0) } + [nil]
        defer { for arg in argv { free(arg) } }
        // The spawning thread may be a pool thread with signals blocked, and the child would
        // inherit that mask and ignore SIGTERM: give it an empty mask and default handlers.
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var none = sigset_t()
        sigemptyset(&none)
        posix_spawnattr_setsigmask(&attributes, &none)
        var defaults = sigset_t()
        sigemptyset(&defaults)
        for signal in [SIGTERM, SIGINT, SIGHUP, SIGPIPE, SIGUSR1, SIGUSR2, SIGCHLD] { sigaddset(&defaults, signal) }
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        var child: pid_t = 0
        let rc: Int32
        if environment.isEmpty && inheritEnvironment {
            rc = posix_spawn(&child, path, &actions, &attributes, argv, environ)
        } else {
            let envp = Self.environmentBlock(adding: environment, inherit: inheritEnvironment)
            defer { for entry in envp { free(entry) } }
            rc = posix_spawn(&child, path, &actions, &attributes, argv, envp)
        }
        guard rc == 0 else { throw ChildProcessError(message: "cannot start \(path): errno \(rc)") }
        pid = child
    }

    private static func environmentBlock(adding extra: [String: String], inherit: Bool) -> [UnsafeMutablePointer<CChar>?] {
        var entries: [String] = []
        var index = 0
        while inherit, let entry = environ[index] {
            let text = String(cString: entry)
            let name = String(text.prefix { $0 != "=" })
            if extra[name] == nil { entries.append(text) }
            index += 1
        }
        entries += extra.map { "\($0.key)=\($0.value)" }
        return entries.map { strdup($0) } + [nil]
    }

    /// Reaps the child if it has exited; true while it runs.
    public mutating func isRunning() -> Bool {
        guard exitStatus == nil else { return false }
        var status: Int32 = 0
        let rc = waitpid(pid, &status, WNOHANG)
        if rc == pid || (rc == -1 && errno == ECHILD) {
            exitStatus = status
            return false
        }
        return true
    }

    /// The exit code, or 128 + the signal number when a signal ended it (as shells report).
    public var exitCode: Int32? {
        guard let status = exitStatus else { return nil }
        let signal = status & 0x7F
        return signal == 0 ? (status >> 8) & 0xFF : 128 + signal
    }

    /// Waits up to `timeout` for the child to exit; true when it has.
    public mutating func wait(timeout: Duration) -> Bool {
        let deadline = ContinuousClock.now + timeout
        while isRunning() {
            guard ContinuousClock.now < deadline else { return false }
            usleep(5_000)
        }
        return true
    }

    public func signal(_ signal: Int32) {
        guard exitStatus == nil else { return }
        kill(pid, signal)
    }
}

public struct ChildProcessError: Error, CustomStringConvertible {
    public let message: String
    public var description: String { message }
}
