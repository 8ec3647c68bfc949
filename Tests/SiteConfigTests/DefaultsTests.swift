import Foundation
import GatewayCore
import Testing
@testable import SiteConfig

/// What a key left out means, and where profiles are looked for.
@Suite struct DefaultsTests {
    /// A folder with `site.yaml` and the given profiles under `DeviceProfiles/`.
    static func siteFolder(site: String, profiles: [String: String], folder: String = "DeviceProfiles") throws -> URL {
        let root = try TestFiles.makeFolder()
        let profileFolder = root.appendingPathComponent(folder)
        try FileManager.default.createDirectory(at: profileFolder, withIntermediateDirectories: true)
        for (name, text) in profiles {
            try text.write(to: profileFolder.appendingPathComponent("\(name).yaml"), atomically: true, encoding: .utf8)
        }
        try site.write(to: root.appendingPathComponent("site.yaml"), atomically: true, encoding: .utf8)
        return root
    }

    static let panel = """
        profile: panel
        points:
          - { id: door, table: discrete_input, address: 0 }
          - { id: alarm, table: coil, address: 0x10, event: alarm.panic }
          - { id: temp, table: input_register, address: 3, scale: 0.1, offset: -40, unit: "°C" }
          - { id: energy, table: holding_register, address: 4, type: u32 }
        """

    static let minimalSite = """
        site: { id: s1, name: Test, timezone: UTC }
        devices:
          - { id: d1, profile: panel, connection: "tcp://h:502", cameras: }
          - { id: d2, profile: panel, connection: "tcp://h:502", unit: 2 }
        uplinks:
          - { name: police, url: "mqtt://h", topic_prefix: campus/v1/s1 }
        routes:
        """

    @Test func pointDefaults() throws {
        let root = try Self.siteFolder(site: Self.minimalSite, profiles: ["panel": Self.panel])
        defer { try? FileManager.default.removeItem(at: root) }
        let profile = try SiteLoader.loadProfile(path: root.appendingPathComponent("DeviceProfiles/panel.yaml").path)
        let door = profile.points[0], alarm = profile.points[1], temp = profile.points[2], energy = profile.points[3]

        #expect(door.type == .bool && door.severity == .info && door.event == nil && door.active == .high && door.debounce == .zero)
        #expect(alarm.address == 16, "hex addresses are read")
        #expect(alarm.severity == .major, "an event without a severity is major")
        #expect(temp.type == .u16 && temp.scale == 0.1 && temp.offset == -40 && temp.unit == "°C")
        #expect(energy.wordOrder == .highFirst && energy.span == 2)
        #expect(profile.poll == nil && profile.timeout == nil && profile.description == "")
    }

    @Test func siteDefaults() throws {
        let root = try Self.siteFolder(site: Self.minimalSite, profiles: ["panel": Self.panel])
        defer { try? FileManager.default.removeItem(at: root) }
        let site = try SiteLoader.load(path: root.appendingPathComponent("site.yaml").path)

        let d1 = site.devices[0]
        #expect(d1.unit == 1 && d1.poll == .seconds(1) && d1.timeout == .milliseconds(500) && d1.offlineAfter == 3)
        #expect(d1.location == "" && d1.cameras == [] && d1.tags == [])
        #expect(site.routes.isEmpty, "'routes:' with every entry commented out is no routes")
        #expect(site.profiles.count == 1, "one profile used twice is loaded once")
        let police = site.uplinks[0]
        #expect(police.scheme == .mqtt && police.port == 1883 && police.clientID == "campus-gateway-s1-police")
        #expect(police.keepalive == .seconds(30) && police.heartbeat == .seconds(10) && police.username == nil)
        #expect(site.profilePaths == [root.appendingPathComponent("DeviceProfiles").standardizedFileURL.path])
        #expect(site.sourceFile == root.appendingPathComponent("site.yaml").standardizedFileURL.path)
    }

    @Test func routeDefaults() throws {
        let yaml = Self.minimalSite + """

              - { name: all, to: [police] }
              - { name: one, kind: alarm.panic, severity: critical, devices: [d2], to: [police] }
            """
        let root = try Self.siteFolder(site: yaml, profiles: ["panel": Self.panel])
        defer { try? FileManager.default.removeItem(at: root) }
        let site = try SiteLoader.load(path: root.appendingPathComponent("site.yaml").path)
        #expect(site.routes == [
            RouteConfig(name: "all", kinds: ["*"], minSeverity: .info, devices: [], uplinks: ["police"]),
            RouteConfig(name: "one", kinds: ["alarm.panic"], minSeverity: .critical, devices: ["d2"], uplinks: ["police"]),
        ])
    }

    @Test func firstFolderWithTheProfileWins() throws {
        let site = Self.minimalSite.replacingOccurrences(of: "devices:", with: "profiles: [local, DeviceProfiles]\ndevices:")
        let root = try Self.siteFolder(site: site, profiles: ["panel": Self.panel])
        defer { try? FileManager.default.removeItem(at: root) }
        let local = root.appendingPathComponent("local")
        try FileManager.default.createDirectory(at: local, withIntermediateDirectories: true)
        try "profile: panel\npoll: 250ms\npoints:\n  - { id: x, table: coil, address: 0 }\n"
            .write(to: local.appendingPathComponent("panel.yaml"), atomically: true, encoding: .utf8)

        let loaded = try SiteLoader.load(path: root.appendingPathComponent("site.yaml").path)
        #expect(loaded.devices[0].profile.points.map(\.id) == ["x"])
        #expect(loaded.devices[0].poll == .milliseconds(250), "the profile's poll applies when the device gives none")
        #expect(loaded.devices[0].profile.sourceFile.hasSuffix("/local/panel.yaml"))
    }

    @Test func inlineYAMLFindsProfilesBesideItsPath() throws {
        let root = try Self.siteFolder(site: "", profiles: ["panel": Self.panel])
        defer { try? FileManager.default.removeItem(at: root) }
        let site = try SiteLoader.load(yaml: Self.minimalSite, path: root.appendingPathComponent("not-written.yaml").path)
        #expect(site.devices.count == 2)
    }

    @Test func profileNotFoundListsTheFoldersSearched() throws {
        let root = try Self.siteFolder(site: Self.minimalSite, profiles: [:])
        defer { try? FileManager.default.removeItem(at: root) }
        let diagnostics = TestFiles.diagnostics(loading: root.appendingPathComponent("site.yaml").path)
        let folder = root.appendingPathComponent("DeviceProfiles").standardizedFileURL.path
        #expect(diagnostics.map(\.message) == Array(repeating: "profile 'panel' not found in \(folder)", count: 2))
        #expect(diagnostics.map(\.line) == [3, 4], "each device naming the profile is reported")
    }

    @Test func profileOutsideTheSearchFoldersCannotBeNamed() {
        let diagnostics = TestFiles.diagnostics(
            loadingYAML: Self.minimalSite.replacingOccurrences(of: "profile: panel", with: "profile: ../secrets"),
            path: "\(TestFiles.repoRoot())/site.yaml"
        )
        #expect(diagnostics.count == 2)
        #expect(diagnostics.allSatisfy { $0.message == "profile name '../secrets' may only contain letters A-Z a-z, digits, '-' and '_'" })
    }
}
