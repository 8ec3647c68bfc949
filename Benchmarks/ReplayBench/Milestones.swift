import BenchSupport
import Foundation
import GatewayCore

/// What the measured gateway reports to the benchmark: one line per milestone on its
/// stdout, `NAME MONOTONIC_NS [VALUE…]`. CLOCK_MONOTONIC is the machine's, so the
/// benchmark can set the child's times against its own and the subscriber's.
enum Milestones {
    /// The gateway process writes one line, unbuffered (its stdout is a file).
    static func report(_ name: String, _ values: any CustomStringConvertible...) {
        let line = ([name, "\(WallClock.monotonicNanoseconds())"] + values.map(\.description)).joined(separator: " ") + "\n"
        FileHandle.standardOutput.write(Data(line.utf8))
    }

    /// The benchmark reads them back from the child's stdout file.
    struct Reported {
        let nanoseconds: UInt64
        let values: [String]
    }

    static func read(_ path: String) -> [String: Reported] {
        let text = (try? String(contentsOfFile: path, encoding: .utf8)) ?? ""
        var found: [String: Reported] = [:]
        for line in text.split(separator: "\n") {
            let fields = line.split(separator: " ").map(String.init)
            guard fields.count >= 2, let ns = UInt64(fields[1]), found[fields[0]] == nil else { continue }
            found[fields[0]] = Reported(nanoseconds: ns, values: Array(fields.dropFirst(2)))
        }
        return found
    }

    /// Waits (checking the child is alive and no interrupt came) until `name` was reported.
    static func wait(for name: String, from child: Spawned, timeout: Duration) async throws -> Reported {
        let deadline = WallClock.monotonicNanoseconds() + timeout.nanoseconds
        while true {
            if let found = read(child.stdoutPath)[name] { return found }
            try Interrupt.check()
            try child.requireRunning()
            guard WallClock.monotonicNanoseconds() < deadline else {
                throw BenchError("the gateway did not report '\(name)' within \(timeout); its stderr ends with:\n\(child.stderrTail())")
            }
            try await Task.sleep(for: .milliseconds(5))
        }
    }
}
