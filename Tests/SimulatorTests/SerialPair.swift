import Foundation

/// Two connected pseudo-terminals made by `socat`, standing in for an RS-485 line: the
/// server opens one end, the client the other. Started in `init`, killed in `stop()`.
final class SerialPair {
    let serverPath: String
    let clientPath: String
    private let directory: String
    private let process = Process()

    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    init() throws {
        directory = NSTemporaryDirectory() + "modbus-pty-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        serverPath = directory + "/server"
        clientPath = directory + "/client"
        process.executableURL = URL(fileURLWithPath: "/usr/bin/socat")
        process.arguments = [
            "-d", "-d",
            "pty,raw,echo=0,link=\(serverPath)",
            "pty,raw,echo=0,link=\(clientPath)",
        ]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        // socat makes the links once both ptys exist; give it at most 5 s.
        let deadline = Date().addingTimeInterval(5)
        while !(FileManager.default.fileExists(atPath: serverPath) && FileManager.default.fileExists(atPath: clientPath)) {
            guard Date() < deadline, process.isRunning else {
                stop()
                throw Failure(description: "socat did not make the pty links \(serverPath) and \(clientPath) within 5 s")
            }
            Thread.sleep(forTimeInterval: 0.02)
        }
    }

    deinit {
        stop()
    }

    func stop() {
        if process.isRunning {
            // SIGKILL, not terminate(): the child inherits the test runner's signal mask,
            // in which SIGTERM may be blocked, and then it would never exit.
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }
        try? FileManager.default.removeItem(atPath: directory)
    }
}
