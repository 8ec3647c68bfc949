import ArgumentParser
import Dispatch
import Foundation
import Simulator
import SiteConfig

/// `campus-gateway simulate`: serves a site's devices as simulated Modbus devices, so the
/// gateway (or a technician's tool) can be run against them without hardware.
struct Simulate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "simulate",
        abstract: "Serve the devices of a site file as simulated Modbus devices.",
        discussion: """
            Each TCP endpoint of the site (host:port) becomes one Modbus server with every \
            device on it as its unit; RTU devices are served on their serial path. Commands \
            are read from standard input, one per line, and on --control-port (127.0.0.1 only):
              \(SimulatorCommandLine.usage)
            Replies start with "ok" or "error: ". See docs/simulator.md.
            """
    )

    @Option(name: .long, help: "The site file whose devices to serve.")
    var config: String

    @Option(name: .long, help: "Also take commands on this 127.0.0.1 TCP port (0 picks a free one, printed at start).")
    var controlPort: Int?

    @Option(name: .long, help: "Added to every TCP port of the site, e.g. 10000 to serve port 502 on 10502 without root.")
    var portOffset: Int = 0

    @Option(
        name: .long, parsing: .singleValue,
        help: ArgumentHelp(
            "Serve the RTU devices of the site's serial PATH on OTHER instead (e.g. the other end of a socat pty pair). Repeatable.",
            valueName: "PATH=OTHER"
        )
    )
    var serial: [String] = []

    func validate() throws {
        if let controlPort, !(0...65535).contains(controlPort) {
            throw ValidationError("--control-port must be 0–65535, got \(controlPort)")
        }
        for mapping in serial where Self.serialPair(mapping) == nil {
            throw ValidationError("--serial takes PATH=OTHER with two absolute paths, got '\(mapping)'")
        }
    }

    func run() async throws {
        BrokenPipe.ignore()
        let site: Site
        do throws(ConfigErrors) {
            site = try SiteLoader.load(path: config)
        } catch {
            for diagnostic in error.diagnostics { Self.printError(diagnostic.description) }
            throw ExitCode(1)
        }
        var serialPaths: [String: String] = [:]
        for mapping in serial {
            if let (path, other) = Self.serialPair(mapping) { serialPaths[path] = other }
        }

        // Before anything can be reached: a SIGTERM that arrives as soon as the control port
        // answers must stop the servers cleanly, not kill the process.
        let stop = StopSignals()
        let simulator: Simulator
        let control: SimulatorControlServer?
        let commandLine: SimulatorCommandLine
        do throws(SimulatorError) {
            simulator = try Simulator(site: site, portOffset: portOffset, serialPaths: serialPaths)
            try simulator.start()
            commandLine = SimulatorCommandLine(simulator: simulator)
            if let controlPort {
                let server = SimulatorControlServer(commandLine: commandLine, port: controlPort)
                try server.start()
                control = server
            } else {
                control = nil
            }
        } catch {
            Self.printError("error: \(error.reason)")
            throw ExitCode(1)
        }

        for endpoint in simulator.endpoints {
            Self.printLine("serving \(endpoint.device) (unit \(endpoint.unit)) on \(endpoint.connection)")
        }
        if let control { Self.printLine("control on tcp://127.0.0.1:\(control.port)") }

        await Self.serveUntilDone(commandLine, keepRunningAfterEOF: control != nil, stop: stop)
        control?.stop()
        simulator.stop()
    }

    /// Answers commands from standard input until SIGINT or SIGTERM, or until its end when
    /// no control port keeps the simulator reachable.
    private static func serveUntilDone(_ commandLine: SimulatorCommandLine, keepRunningAfterEOF: Bool, stop: StopSignals) async {
        // readLine blocks: it gets its own thread, never one of the cooperative pool's.
        let reader = Thread {
            while let line = readLine(strippingNewline: true) {
                printLine(commandLine.reply(to: line))
            }
            if !keepRunningAfterEOF { stop.finish() }
        }
        reader.start()
        await stop.wait()
    }

    private static func serialPair(_ mapping: String) -> (String, String)? {
        let parts = mapping.split(separator: "=", maxSplits: 1).map(String.init)
        guard parts.count == 2, parts.allSatisfy({ $0.hasPrefix("/") }) else { return nil }
        return (parts[0], parts[1])
    }

    /// One line to standard output, written at once: scripts wait for these lines, so they
    /// must not sit in a buffer when stdout is a pipe.
    private static func printLine(_ line: String) {
        FileHandle.standardOutput.write(Data((line + "\n").utf8))
    }

    private static func printError(_ line: String) {
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }
}
