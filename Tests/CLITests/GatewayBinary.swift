import Foundation

/// The built `campus-gateway` executable, run as a child process the way a technician or
/// systemd runs it.
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

    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// Runs to completion (killed after `timeout`), from the repository root.
    static func run(_ arguments: [String], timeout: Duration = .seconds(30)) throws -> Result {
        let process = try start(arguments)
        let deadline = ContinuousClock.now + timeout
        while process.process.isRunning && ContinuousClock.now < deadline { usleep(10_000) }
        if process.process.isRunning { process.process.terminate() }
        return process.finish()
    }

    static func start(_ arguments: [String]) throws -> Running {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: repositoryRoot)
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        let running = Running(process: process, out: out, err: err)
        try process.run()
        return running
    }

    /// A started process whose output is drained as it runs, so a chatty child never blocks
    /// on a full pipe.
    final class Running: @unchecked Sendable {
        // @unchecked: the buffers are only touched under `lock`.
        let process: Process
        private let lock = NSLock()
        private var outData = Data(), errData = Data()

        init(process: Process, out: Pipe, err: Pipe) {
            self.process = process
            out.fileHandleForReading.readabilityHandler = { [weak self] h in
                let d = h.availableData
                self?.lock.withLock { self?.outData.append(d) }
            }
            err.fileHandleForReading.readabilityHandler = { [weak self] h in
                let d = h.availableData
                self?.lock.withLock { self?.errData.append(d) }
            }
        }

        var stderrSoFar: String { lock.withLock { String(decoding: errData, as: UTF8.self) } }

        func signal(_ signal: Int32) { kill(process.processIdentifier, signal) }

        func waitForExit(timeout: Duration) -> Bool {
            let deadline = ContinuousClock.now + timeout
            while process.isRunning && ContinuousClock.now < deadline { usleep(10_000) }
            return !process.isRunning
        }

        func finish() -> Result {
            process.waitUntilExit()
            usleep(50_000)  // let the readability handlers drain the last bytes
            return lock.withLock {
                Result(status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
                       stderr: String(decoding: errData, as: UTF8.self))
            }
        }
    }
}
