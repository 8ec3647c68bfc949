import Foundation
import GatewayTesting
import Testing

/// `make install` lays out binary, unit, sysusers entry, profiles, docs and an example site
/// that validates as installed; the unit passes `systemd-analyze verify` where it exists.
@Suite(.timeLimit(.minutes(1)))
struct InstallTests {
    @Test func installedTreeValidatesAndTheUnitVerifies() async throws {
        let root = try TemporaryDirectory(prefix: "install")
        let prefix = root.file("usr"), etc = root.file("etc")
        let make = try await Self.run("/usr/bin/make", ["-s", "-C", GatewayBinary.repositoryRoot, "install-files",
                                                  "BIN=\(GatewayBinary.path)", "PREFIX=\(prefix)", "SYSCONFDIR=\(etc)"])
        #expect(make.status == 0, "\(make.output)")
        let files = FileManager.default
        #expect(files.isExecutableFile(atPath: prefix + "/bin/campus-gateway"))
        for profile in ["sos-button", "perimeter-8zone", "gate-controller", "bollard"] {
            #expect(files.fileExists(atPath: prefix + "/share/campus-gateway/profiles/\(profile).yaml"), "\(profile)")
        }
        #expect(files.fileExists(atPath: prefix + "/share/doc/campus-gateway/technician-guide.md"))
        #expect(files.fileExists(atPath: prefix + "/lib/sysusers.d/campus-gateway.conf"))
        // The unit's char-ttyUSB/char-ttyACM resolve through /proc/devices at start: their
        // drivers must be loaded at boot, before it.
        let modules = try String(contentsOfFile: prefix + "/lib/modules-load.d/campus-gateway.conf", encoding: .utf8)
        let listed = Set(modules.split(separator: "\n").filter { !$0.hasPrefix("#") }.map(String.init))
        #expect(listed == ["usbserial", "cdc_acm"], "modules-load.d lists \(listed)")

        let site = etc + "/campus-gateway/site.yaml"
        let validate = try await Self.run(prefix + "/bin/campus-gateway", ["validate", "--config", site])
        #expect(validate.status == 0, "the installed example site must validate: \(validate.output)")

        let unitPath = prefix + "/lib/systemd/system/campus-gateway.service"
        let unit = try String(contentsOfFile: unitPath, encoding: .utf8)
        for line in ["Type=notify", "Restart=always", "User=campus-gateway", "SupplementaryGroups=dialout",
                     "StateDirectory=campus-gateway", "ConfigurationDirectory=campus-gateway", "ProtectSystem=strict",
                     "NoNewPrivileges=yes", "PrivateTmp=yes", "CapabilityBoundingSet=\n", "DevicePolicy=closed",
                     "DeviceAllow=char-ttyUSB rw", "ExecReload=/bin/kill -HUP $MAINPID",
                     "ExecStart=\(prefix)/bin/campus-gateway run --config \(site)"] {
            #expect(unit.contains(line), "unit lacks \(line)")
        }
        let watchdog = try #require(unit.split(separator: "\n").first { $0.hasPrefix("WatchdogSec=") })
        #expect(watchdog == "WatchdogSec=30s")

        let analyze = "/usr/bin/systemd-analyze"
        if files.isExecutableFile(atPath: analyze) {
            let verify = try await Self.run(analyze, ["verify", unitPath])
            #expect(verify.status == 0 && verify.output.isEmpty, "systemd-analyze verify: \(verify.output)")
        }
    }

    @Test func sysusersEntryCreatesTheUserInDialout() async throws {
        let sysusers = "/usr/bin/systemd-sysusers"
        guard FileManager.default.isExecutableFile(atPath: sysusers) else { return }
        let root = try TemporaryDirectory(prefix: "sysusers")
        try FileManager.default.createDirectory(atPath: root.file("etc"), withIntermediateDirectories: true)
        let result = try await Self.run(sysusers, ["--root=\(root.path)", GatewayBinary.file("systemd/campus-gateway.sysusers.conf")])
        #expect(result.status == 0, "\(result.output)")
        let passwd = try String(contentsOfFile: root.file("etc/passwd"), encoding: .utf8)
        let group = try String(contentsOfFile: root.file("etc/group"), encoding: .utf8)
        #expect(passwd.contains("campus-gateway:x:") && passwd.contains(":/var/lib/campus-gateway:"))
        #expect(group.split(separator: "\n").contains { $0.hasPrefix("dialout:") && $0.hasSuffix(":campus-gateway") })
    }

    private static func run(_ path: String, _ arguments: [String]) async throws -> (status: Int32, output: String) {
        try await GatewayBinary.offPool { try runBlocking(path, arguments) }
    }

    private static func runBlocking(_ path: String, _ arguments: [String]) throws -> (status: Int32, output: String) {
        let directory = try TemporaryDirectory(prefix: "install-run")
        var child = try ChildProcess(path: path, arguments: arguments, stdout: directory.file("out"), stderr: directory.file("out"))
        if !child.wait(timeout: .seconds(30)) { child.signal(SIGKILL) }
        _ = child.wait(timeout: .seconds(5))
        let output = (try? String(contentsOfFile: directory.file("out"), encoding: .utf8)) ?? ""
        return (child.exitCode ?? -1, output)
    }
}
