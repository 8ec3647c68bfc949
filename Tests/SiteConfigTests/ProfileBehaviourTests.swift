import Foundation
import GatewayCore
import Testing
@testable import SiteConfig

/// The profile keys polling relies on beyond reading points: commands, point modes and poll
/// groups, request caps, prohibited ranges, line delays, auto-reset, chattering; and the
/// site's `zone` and `state_file`.
@Suite struct ProfileBehaviourTests {
    static func load(profile: String, device: String = #"  - { id: d1, profile: custom, connection: "tcp://127.0.0.1:1502" }"#,
                     section: String = BadInput.header) throws -> (Site?, [ConfigDiagnostic]) {
        let folder = try TestFiles.makeFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let profiles = folder.appendingPathComponent("DeviceProfiles")
        try FileManager.default.createDirectory(at: profiles, withIntermediateDirectories: true)
        try profile.write(to: profiles.appendingPathComponent("custom.yaml"), atomically: true, encoding: .utf8)
        let path = folder.appendingPathComponent("site.yaml").path
        try BadInput.site(section: section, devices: [device]).replacingOccurrences(of: "REPO", with: TestFiles.repoRoot())
            .write(toFile: path, atomically: true, encoding: .utf8)
        do {
            return (try SiteLoader.load(path: path), [])
        } catch {
            return (nil, error.diagnostics)
        }
    }

    @Test func everyKeyIsRead() throws {
        let profile = """
            profile: custom
            max_registers: 32
            max_bits: 64
            prohibited: [{ table: input_register, from: 3, to: 9 }]
            connect_delay: 200ms
            unit_delay: 20ms
            auto_reset: 5m
            chattering: { changes: 6, within: 30s }
            points:
              - { id: sos, table: discrete_input, address: 0, event: alarm.emergency, severity: critical }
              - { id: latch, table: coil, address: 0, mode: latched, event: alarm.panic }
              - { id: count, table: input_register, address: 0, type: u32, mode: counter, event: patrol.checkpoint }
              - { id: volts, table: input_register, address: 10, poll: 5s }
            commands:
              - { id: siren_on, table: coil, address: 4, value: 1, check: { point: latch, value: 1, within: 3s } }
              - { id: strobe, table: coil, address: 5, value: 1, pulse: 500ms }
              - { id: volume, table: holding_register, address: 2 }
            """
        let (site, diagnostics) = try Self.load(
            profile: profile, device: #"  - { id: d1, profile: custom, connection: "tcp://127.0.0.1:1502", zone: north }"#,
        )
        #expect(diagnostics.isEmpty, "\(diagnostics)")
        let loaded = try #require(site?.devices.first)
        let p = loaded.profile
        #expect(loaded.zone == "north")
        #expect(p.maxRegisters == 32 && p.maxBits == 64)
        #expect(p.prohibited == [AddressRange(table: .inputRegister, first: 3, last: 9)])
        #expect(p.connectDelay == .milliseconds(200) && p.unitDelay == .milliseconds(20))
        #expect(p.autoReset == .seconds(300))
        #expect(p.chattering == .init(changes: 6, within: .seconds(30)))
        #expect(p.points.map(\.mode) == [.level, .latched, .counter, .level])
        #expect(p.points[3].poll == .seconds(5))
        #expect(p.commands.map(\.id) == ["siren_on", "strobe", "volume"])
        #expect(p.commands[0].check == CommandSpec.Check(point: "latch", value: 1, within: .seconds(3)))
        #expect(p.commands[1].pulse == .milliseconds(500) && p.commands[1].release == 0)
        #expect(p.commands[2].value == nil)
    }

    @Test func zoneDefaultsToTheDeviceIDAndStateFileIsAbsolute() throws {
        let profile = "profile: custom\npoints:\n  - { id: p, table: coil, address: 0 }\n"
        let (site, diagnostics) = try Self.load(profile: profile, section: "site: { id: s1, name: Test, timezone: UTC, state_file: var/state }\nprofiles: [DeviceProfiles]")
        #expect(diagnostics.isEmpty, "\(diagnostics)")
        #expect(site?.devices.first?.zone == "d1")
        #expect(site?.stateFile?.hasSuffix("/var/state") == true && site?.stateFile?.hasPrefix("/") == true)
    }

    struct Case: Sendable, CustomTestStringConvertible {
        var name: String
        var profile: String
        var line: Int
        var column: Int
        var message: String
        var testDescription: String { name }
    }

    static func profile(_ lines: String...) -> String { (["profile: custom"] + lines).joined(separator: "\n") + "\n" }
    static let point = "points:\n  - { id: p, table: coil, address: 0 }"

    static let cases: [Case] = [
        Case(name: "latched discrete input", profile: profile("points:", "  - { id: p, table: discrete_input, address: 0, mode: latched }"),
             line: 3, column: 55, message: "'mode: latched' needs a point the gateway can clear by writing"),
        Case(name: "counter on a bool", profile: profile("points:", "  - { id: p, table: coil, address: 0, mode: counter, event: a.b }"),
             line: 3, column: 45, message: "'mode: counter' needs a u16 or u32 register point"),
        Case(name: "counter without event", profile: profile("points:", "  - { id: p, table: input_register, address: 0, mode: counter }"),
             line: 3, column: 55, message: "'mode: counter' needs an 'event'"),
        Case(name: "scaled counter", profile: profile("points:", "  - { id: p, table: input_register, address: 0, mode: counter, event: a.b, scale: 2 }"),
             line: 3, column: 76, message: "'scale' does not apply to a counter"),
        Case(name: "unknown mode", profile: profile("points:", "  - { id: p, table: coil, address: 0, mode: pulse }"),
             line: 3, column: 45, message: "'mode' must be one of level, latched, counter"),
        Case(name: "point poll too fast", profile: profile("points:", "  - { id: p, table: coil, address: 0, poll: 1ms }"),
             line: 3, column: 45, message: "'poll' must be between"),
        Case(name: "command on an input", profile: profile(point, "commands:", "  - { id: c, table: discrete_input, address: 0 }"),
             line: 5, column: 21, message: "commands write a coil or a holding_register; discrete_input is read-only"),
        Case(name: "coil value 2", profile: profile(point, "commands:", "  - { id: c, table: coil, address: 0, value: 2 }"),
             line: 5, column: 46, message: "'value' must be between 0 and 1"),
        Case(name: "release without pulse", profile: profile(point, "commands:", "  - { id: c, table: coil, address: 0, value: 1, release: 0 }"),
             line: 5, column: 49, message: "'release' is the value written back after a 'pulse'"),
        Case(name: "pulse without value", profile: profile(point, "commands:", "  - { id: c, table: coil, address: 0, pulse: 1s }"),
             line: 5, column: 39, message: "a pulsed command needs a fixed 'value'"),
        Case(name: "check of an unknown point", profile: profile(point, "commands:", "  - { id: c, table: coil, address: 0, check: { point: q, value: 1 } }"),
             line: 5, column: 55, message: "'check' names point 'q', which this profile does not have"),
        Case(name: "check without value", profile: profile(point, "commands:", "  - { id: c, table: coil, address: 0, check: { point: p } }"),
             line: 5, column: 46, message: "'check' is missing required key 'value'"),
        Case(name: "duplicate command", profile: profile(point, "commands:", "  - { id: c, table: coil, address: 0 }", "  - { id: c, table: coil, address: 1 }"),
             line: 6, column: 11, message: "command id 'c' is already used at line 5"),
        Case(name: "point in a prohibited range", profile: profile("prohibited: [{ table: coil, from: 0, to: 4 }]", point),
             line: 4, column: 36, message: "point 'p' (coil 0) lies in the prohibited range coil 0–4 at line 2"),
        Case(name: "prohibited range backwards", profile: profile("prohibited: [{ table: coil, from: 9, to: 4 }]", point),
             line: 2, column: 42, message: "'to' (4) must not be below 'from' (9)"),
        Case(name: "max_registers zero", profile: profile("max_registers: 0", point),
             line: 2, column: 16, message: "'max_registers' must be between 1 and 125"),
        Case(name: "chattering of one change", profile: profile("chattering: { changes: 1 }", point),
             line: 2, column: 24, message: "'changes' must be between 2 and 1000"),
        Case(name: "auto_reset too short", profile: profile("auto_reset: 10ms", point),
             line: 2, column: 13, message: "'auto_reset' must be between"),
    ]

    @Test(arguments: cases)
    func reportsOneDiagnosticAtThePlaceToFix(_ input: Case) throws {
        let (_, diagnostics) = try Self.load(profile: input.profile)
        try #require(diagnostics.count == 1, "\(diagnostics.map(\.description))")
        #expect(URL(fileURLWithPath: diagnostics[0].file).lastPathComponent == "custom.yaml")
        #expect("\(diagnostics[0].line):\(diagnostics[0].column)" == "\(input.line):\(input.column)", "\(diagnostics[0])")
        #expect(diagnostics[0].message.contains(input.message), "\(diagnostics[0].message)")
    }

    @Test func badZoneIsReportedInTheSiteFile() throws {
        let profile = "profile: custom\npoints:\n  - { id: p, table: coil, address: 0 }\n"
        let (_, diagnostics) = try Self.load(profile: profile, device: #"  - { id: d1, profile: custom, connection: "tcp://127.0.0.1:1502", zone: "north wall" }"#)
        #expect(diagnostics.map(\.message) == ["zone 'north wall' may only contain letters A-Z a-z, digits, '-' and '_'"])
        #expect(diagnostics.first.map { "\($0.line):\($0.column)" } == "4:74")
    }
}

extension ProfileBehaviourTests {
    /// Loading a profile on its own (the simulator's way) refuses the same mistakes.
    @Test func profileAloneRefusesABadDelay() throws {
        let folder = try TestFiles.makeFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("custom.yaml").path
        try Self.profile("unit_delay: 1h", Self.point).write(toFile: path, atomically: true, encoding: .utf8)
        #expect(throws: ConfigErrors.self) { try SiteLoader.loadProfile(path: path) }
    }
}
