import Dispatch
import Foundation

/// Debian's Chromium in headless mode, for checking what a person would see on the status
/// page. `make deps` installs it; under `CI=true` a missing browser fails the test rather
/// than skipping it, so CI can never pass without having looked.
public struct HeadlessChromium: Sendable {
    public let path: String

    /// `$CHROMIUM`, else `chromium` on the usual paths.
    public static func find() -> HeadlessChromium? {
        let environment = ProcessInfo.processInfo.environment
        let candidates = [environment["CHROMIUM"]].compactMap { $0 } + ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/local/bin/chromium"]
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0) }.map(HeadlessChromium.init(path:))
    }

    /// Whether a missing browser must fail the test (CI) rather than skip it.
    public static var isRequired: Bool { ProcessInfo.processInfo.environment["CI"] == "true" }

    public struct Failure: Error, CustomStringConvertible {
        public let description: String
    }

    /// The DOM after the page's scripts ran and its network went quiet. A page with an open
    /// event stream never goes quiet: give it `?events=N` so the stream ends.
    public func dumpDOM(_ url: String, width: Int = 412, height: Int = 915) async throws -> String {
        let directory = try TemporaryDirectory(prefix: "chromium")
        let output = directory.file("dom.html")
        try await run(["--virtual-time-budget=10000", "--dump-dom", url], width: width, height: height, directory: directory, stdout: output)
        return try String(contentsOfFile: output, encoding: .utf8)
    }

    /// A PNG of the page as a phone shows it (412×915 CSS pixels by default), taken once the
    /// network went quiet (as for `dumpDOM`).
    public func screenshot(_ url: String, to file: String, width: Int = 412, height: Int = 915) async throws {
        let directory = try TemporaryDirectory(prefix: "chromium")
        try await run(["--virtual-time-budget=10000", "--screenshot=\(file)", url], width: width, height: height, directory: directory, stdout: nil)
    }

    private func run(_ arguments: [String], width: Int, height: Int, directory: TemporaryDirectory, stdout: String?) async throws {
        // Root needs --no-sandbox; a private profile keeps runs independent.
        let common = [
            "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--no-first-run", "--disable-extensions",
            "--user-data-dir=\(directory.file("profile"))", "--window-size=\(width),\(height)",
        ]
        let log = directory.file("stderr")
        let path = path
        let status: Int32? = try await withCheckedThrowingContinuation { continuation in
            // The wait blocks: a Dispatch thread, not Swift's cooperative pool. A plain
            // environment: the test runner's own (library paths among it) is not meant for a
            // browser. `ChildProcess` also restores default signal handling, SIGCHLD among it,
            // without which Chromium never sees its own helper processes end.
            DispatchQueue.global().async {
                do {
                    // At the lowest CPU priority: a browser starting takes both cores for
                    // seconds, which would stall every timed test running beside it.
                    var child = try ChildProcess(
                        path: "/usr/bin/nice", arguments: ["-n", "19", path] + common + arguments, stdout: stdout, stderr: log,
                        environment: ["PATH": "/usr/bin:/bin", "HOME": directory.path, "LANG": "C.UTF-8"], inheritEnvironment: false
                    )
                    if !child.wait(timeout: .seconds(60)) {
                        child.signal(SIGKILL)
                        _ = child.wait(timeout: .seconds(5))
                        continuation.resume(returning: nil)
                        return
                    }
                    continuation.resume(returning: child.exitCode)
                } catch {
                    continuation.resume(throwing: error)
                }
            }
        }
        guard status == 0 else {
            let stderr = (try? String(contentsOfFile: log, encoding: .utf8)) ?? ""
            throw Failure(description: "chromium \(status.map { "exited \($0)" } ?? "timed out"): \(stderr.suffix(2000))")
        }
    }
}
