import ArgumentParser
import BenchSupport
import Foundation

/// NeuronEX-style scale benchmark of the real `campus-gateway` binary: thousands of f32
/// points on simulated Modbus TCP nodes, a private mosquitto, the gateway as a separate
/// process; its CPU and memory read from /proc. See docs/benchmarks.md, "NeuronEX scenarios".
@main
struct ScaleBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ScaleBench",
        abstract: "NeuronEX scenarios, commands under load, and the soak, against the release gateway.",
        discussion: "Build the gateway first: swift build -c release --product campus-gateway.",
        subcommands: [Scenarios.self, Commands.self, Soak.self],
        defaultSubcommand: Scenarios.self
    )

    /// Progress goes to stderr, so stdout holds only the report.
    static func progress(_ line: String) {
        FileHandle.standardError.write(Data(("scale: " + line + "\n").utf8))
    }

    static func absolute(_ path: String) -> String {
        path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
    }

    /// Encodes `value` as one pretty JSON object.
    static func json(_ value: some Encodable) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        return (try? encoder.encode(value)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
    }

    /// The machine, as the docs' Results tables describe it.
    static func machineLine() -> String {
        let model = Proc.read("/proc/cpuinfo")?.split(separator: "\n").first { $0.hasPrefix("model name") }?
            .split(separator: ":", maxSplits: 1).last.map { $0.trimmingCharacters(in: .whitespaces) } ?? "?"
        return "\(ProcessInfo.processInfo.activeProcessorCount) CPUs (\(model)), load average \(String(format: "%.2f", Proc.loadAverage() ?? 0)) at the start"
    }

    /// Runs `measure` and prints its result (tables, or `--json`): exit 1 when `met` says
    /// a target was missed, 2 when the rig failed.
    static func report<Result: Encodable>(
        json: Bool, measure: () async throws -> Result, table: (Result) -> String, met: (Result) -> Bool
    ) async throws {
        Interrupt.install()
        let machine = machineLine()
        let result: Result
        do {
            result = try await measure()
        } catch {
            progress("error: \(error)")
            throw ExitCode(2)
        }
        print(json ? Self.json(Report(machine: machine, date: Date().description, result: result)) : "machine: \(machine)\n\n" + table(result))
        if !met(result) { throw ExitCode(1) }
    }

    /// The JSON form: the machine and date beside the figures.
    struct Report<Result: Encodable>: Encodable {
        var machine: String
        var date: String
        var result: Result
    }
}
