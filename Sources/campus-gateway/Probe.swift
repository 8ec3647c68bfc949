import ArgumentParser
import Foundation
import GatewayCore
import SiteConfig

struct Probe: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Read one device once with its profile and print every point decoded.",
        discussion: """
            Either a device of the site file (--device), or any device given by --profile and \
            --url. Does not need the gateway to be stopped, but a device that allows only one \
            Modbus TCP connection may refuse the probe while the gateway polls it.
            Exit codes: 0 the device answered; 1 it did not (the reason is printed) or the \
            site or profile is invalid; 64 wrong command line.
            """
    )

    @Option(name: [.short, .long], help: "The site file (with --device).", completion: .file(extensions: ["yaml", "yml"]))
    var config: String = "/etc/campus-gateway/site.yaml"

    @Option(help: "A device id of the site file.")
    var device: String?

    @Option(help: "A profile name, or the path of a profile file (instead of --device).")
    var profile: String?

    @Option(help: "Where the device is: tcp://HOST:PORT or rtu:///dev/ttyUSB0?baud=9600 (with --profile).")
    var url: String?

    @Option(help: "Modbus unit id (with --profile).")
    var unit: Int = 1

    @Option(help: "Folders to find --profile NAME in, in order.")
    var profiles: [String] = ["DeviceProfiles", "/usr/local/share/campus-gateway/profiles", "/usr/share/campus-gateway/profiles"]

    @Option(help: "Response timeout in milliseconds (default: the device's or profile's, else 500).")
    var timeoutMs: Int?

    @Flag(help: "Print the result as JSON on standard output.")
    var json = false

    func validate() throws {
        if device != nil, profile != nil || url != nil {
            throw ValidationError("give either --device, or --profile and --url, not both")
        }
        if device == nil, profile == nil || url == nil {
            throw ValidationError("give --device ID (a device of the site file), or --profile NAME and --url URL")
        }
        if !(1...247).contains(unit) { throw ValidationError("--unit must be 1–247") }
        if let timeoutMs, !(1...60_000).contains(timeoutMs) { throw ValidationError("--timeout-ms must be 1–60000") }
    }

    func run() throws {
        var target = try resolveDevice()
        if let timeoutMs { target.timeout = .milliseconds(timeoutMs) }
        let probe = DeviceProbe(device: target)
        do {
            let result = try probe.read()
            print(json ? ProbeReport.json(target, result: result) : ProbeReport.text(target, result: result))
        } catch {
            if json {
                print(ProbeReport.json(target, failure: error.description))
            } else {
                printError("probe: \(target.id) at \(target.connection) unit \(target.unit): \(error.description)")
            }
            throw ExitCode(1)
        }
    }

    private func resolveDevice() throws -> DeviceConfig {
        if let device {
            let site = try SiteOptions.load(config)
            guard let found = site.devices.first(where: { $0.id == device }) else {
                let known = site.devices.map(\.id).joined(separator: ", ")
                printError("probe: no device '\(device)' in \(config) (devices: \(known))")
                throw ExitCode(1)
            }
            return found
        }
        let connection: DeviceConnection
        switch DeviceConnection.parse(url!) {
        case .success(let parsed): connection = parsed
        case .failure(let error):
            printError("probe: --url: \(error.description)")
            throw ExitCode(1)
        }
        let loaded: DeviceProfile
        let path = try profilePath(profile!)
        do {
            loaded = try SiteLoader.loadProfile(path: path)
        } catch {
            for diagnostic in error.diagnostics { printError(diagnostic.description) }
            throw ExitCode(1)
        }
        return DeviceConfig(
            id: loaded.name, profile: loaded, connection: connection, unit: unit, poll: .seconds(1),
            timeout: loaded.timeout ?? .milliseconds(500)
        )
    }

    private func profilePath(_ name: String) throws -> String {
        if name.hasSuffix(".yaml") || name.hasSuffix(".yml") || name.contains("/") { return name }
        for folder in profiles {
            let candidate = (folder as NSString).appendingPathComponent(name + ".yaml")
            if FileManager.default.fileExists(atPath: candidate) { return candidate }
        }
        printError("probe: no profile '\(name)' in \(profiles.joined(separator: ", ")); give --profiles FOLDER or a file path")
        throw ExitCode(1)
    }
}
