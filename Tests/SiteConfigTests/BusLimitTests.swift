import Foundation
import SiteConfig
import Testing

@Suite struct BusLimitTests {
    func site(buses: Int) -> String {
        var yaml = """
            site: { id: big, name: Big, timezone: Asia/Shanghai }
            profiles: [ "\(TestFiles.repoRoot())/DeviceProfiles" ]
            devices:

            """
        for i in 0..<buses {
            yaml += "  - { id: d\(i), profile: sos-button, connection: \"tcp://127.0.0.1:\(20000 + i)\" }\n"
        }
        yaml += "uplinks:\n  - { name: police, url: \"mqtt://127.0.0.1\", topic_prefix: big }\n"
        return yaml
    }

    @Test func nineHundredBusesLoad() throws {
        let loaded = try SiteLoader.load(yaml: site(buses: 900), path: "/tmp/big-site.yaml")
        #expect(loaded.devices.count == 900)
    }

    /// Past the limit the gateway would abort in libmodbus's select(); the validator says so
    /// at the first device too many.
    @Test func moreBusesThanSelectCanWatchAreRefused() {
        #expect {
            _ = try SiteLoader.load(yaml: site(buses: 901), path: "/tmp/big-site.yaml")
        } throws: { error in
            guard let errors = error as? ConfigErrors, errors.diagnostics.count == 1 else { return false }
            let d = errors.diagnostics[0]
            return d.message.hasPrefix("too many buses: at most 900") && d.line == 4 + 900
        }
    }
}
