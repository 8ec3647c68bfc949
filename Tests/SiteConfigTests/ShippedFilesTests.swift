import Foundation
import GatewayCore
import Testing
@testable import SiteConfig

/// What ships in the repository (profiles, example sites) must load, and must say what
/// the product card says it does.
@Suite struct ShippedFilesTests {
    static let profileNames = ["sos-button", "perimeter-8zone", "gate-controller", "bollard", "sounder-strobe", "guard-tour", "io-16x8"]

    @Test(arguments: profileNames)
    func profileLoads(name: String) throws {
        let path = "\(TestFiles.repoRoot())/DeviceProfiles/\(name).yaml"
        let profile = try SiteLoader.loadProfile(path: path)
        #expect(profile.name == name)
        #expect(!profile.description.isEmpty)
        #expect(profile.poll != nil)
        let text = try String(contentsOfFile: path, encoding: .utf8)
        #expect(text.hasPrefix("#"), "a profile starts with a comment header")
    }

    @Test func everyProfileFolderFileIsTested() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: "\(TestFiles.repoRoot())/DeviceProfiles")
        #expect(Set(files.filter { $0.hasSuffix(".yaml") }) == Set(Self.profileNames.map { "\($0).yaml" }))
    }

    @Test func sosButtonPointsMatchTheCard() throws {
        let profile = try SiteLoader.loadProfile(path: "\(TestFiles.repoRoot())/DeviceProfiles/sos-button.yaml")
        #expect(profile.poll == .milliseconds(100))
        let summary = profile.points.map { "\($0.id) \($0.table.rawValue) \($0.address) \($0.event?.rawValue ?? "-") \($0.severity) \($0.contactID ?? "-")" }
        #expect(summary == [
            "button discrete_input 0 alarm.emergency critical 120",
            "tamper discrete_input 1 alarm.tamper major 137",
            "fault discrete_input 2 device.fault minor 380",
            "mains_fail discrete_input 3 power.mains_failure minor 301",
            "sounder coil 0 - info -",
        ])
    }

    @Test func perimeterHasZonesStatusBitsAndArmedMask() throws {
        let profile = try SiteLoader.loadProfile(path: "\(TestFiles.repoRoot())/DeviceProfiles/perimeter-8zone.yaml")
        #expect(profile.poll == .milliseconds(200))
        let zones = profile.points.filter { $0.event == .intrusion }
        #expect(zones.map(\.id) == (1...8).map { "zone\($0)" })
        #expect(zones.allSatisfy { $0.debounce == .milliseconds(200) && $0.contactID == "131" && $0.table == .discreteInput })
        let bits = profile.points.filter { $0.type == .bit }
        #expect(bits.map(\.id) == ["mains_fail", "battery_low", "line_cut", "fault"])
        #expect(bits.map(\.bit) == [0, 1, 2, 3])
        #expect(bits.allSatisfy { $0.table == .inputRegister && $0.address == 0 })
        let armed = try #require(profile.points.first { $0.id == "armed_zones" })
        #expect(armed.table == .holdingRegister && armed.type == .u16 && armed.event == nil && armed.severity == .info)
    }

    @Test func gateControllerAndBollard() throws {
        let gate = try SiteLoader.loadProfile(path: "\(TestFiles.repoRoot())/DeviceProfiles/gate-controller.yaml")
        let open = try #require(gate.points.first { $0.id == "open" })
        #expect(open.event == "gate.open" && open.severity == .info && open.contactID == nil)
        let locked = try #require(gate.points.first { $0.id == "locked" })
        #expect(locked.table == .coil && locked.type == .bool && locked.event == nil)

        let bollard = try SiteLoader.loadProfile(path: "\(TestFiles.repoRoot())/DeviceProfiles/bollard.yaml")
        #expect(bollard.poll == .milliseconds(500))
        let pressure = try #require(bollard.points.first { $0.id == "pressure" })
        #expect(pressure.type == .f32 && pressure.wordOrder == .lowFirst && pressure.unit == "bar")
        #expect(pressure.address == 1 && pressure.span == 2)
    }

    @Test func demoSiteLoadsWithDefaultsApplied() throws {
        let site = try SiteLoader.load(path: "\(TestFiles.repoRoot())/examples/demo-site.yaml")
        #expect(site.id == "4101230001" && site.name == "实验小学" && site.timezone == "Asia/Shanghai")
        #expect(site.devices.map(\.id) == ["gate-east-sos", "perimeter-north", "gate-east", "bollard-east"])
        #expect(site.devices.map(\.connection.description) == (15020...15023).map { "tcp://127.0.0.1:\($0)" })
        let gate = try #require(site.devices.first { $0.id == "gate-east" })
        #expect(gate.poll == .milliseconds(200), "a device without poll takes its profile's")
        #expect(gate.timeout == .milliseconds(500) && gate.unit == 1 && gate.offlineAfter == 3)
        #expect(site.devices[0].cameras == ["cam-east-1"] && site.devices[0].location == "东门 East gate")
        #expect(site.uplinks.map(\.clientID) == ["campus-gateway-4101230001-police", "campus-gateway-4101230001-education"])
        #expect(site.uplinks.allSatisfy { $0.host == "127.0.0.1" && $0.port == 1883 && $0.keepalive == .seconds(30) })
        #expect(site.routes == [
            RouteConfig(name: "all-to-police", uplinks: ["police"]),
            RouteConfig(name: "alarms-and-faults-to-education", kinds: ["alarm.*", "device.*"], minSeverity: .minor, uplinks: ["education"]),
        ])
        #expect(Set(site.profiles.keys) == ["sos-button", "perimeter-8zone", "gate-controller", "bollard"])
        #expect(site.profilePaths == ["\(TestFiles.repoRoot())/DeviceProfiles"])
    }

    @Test func referenceSiteLoadsWithEveryOption() throws {
        // git checks files out readable by all; the install step makes secrets private.
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: "\(TestFiles.repoRoot())/examples/fire.secrets")
        let site = try SiteLoader.load(path: "\(TestFiles.repoRoot())/examples/site.yaml")
        let sos = try #require(site.devices.first)
        #expect(sos.timeout == .milliseconds(300) && sos.tags == ["gate", "east"] && sos.cameras.count == 2)
        let rtu = try #require(site.devices.last)
        #expect(rtu.connection == .rtu(.init(path: "/dev/ttyS1")) && rtu.unit == 2)
        let police = try #require(site.uplinks.first)
        #expect(police.username == "school-4101230001" && police.password == "change-me" && police.heartbeat == .seconds(10))
        let education = try #require(site.uplinks.last)
        #expect(education.scheme == .mqtts && education.port == 8883 && education.clientID == "campus-gateway-4101230001-education")
        #expect(site.routes.last?.devices == ["gate-east-sos", "perimeter-north"])
    }
}
