import Foundation
import GatewayTesting
import Simulator
import SiteConfig
import Testing

/// `probe` against the simulator, and `status` against a running gateway: output and exit
/// codes as documented.
@Suite(.timeLimit(.minutes(1)))
struct ProbeAndStatusCommandTests {
    /// A site of one simulated SOS button and one device nobody serves.
    struct Bench {
        let directory: TemporaryDirectory
        let site: String
        let simulator: Simulator
        let port: Int

        init() throws {
            directory = try TemporaryDirectory()
            port = FreePort.next()
            let yaml = """
                site: { id: p1, name: Probe, timezone: UTC }
                profiles: [ "\(GatewayBinary.repositoryRoot)/DeviceProfiles" ]
                devices:
                  - { id: gate-sos, profile: sos-button, connection: "tcp://127.0.0.1:\(port)", unit: 1 }
                  - { id: dead-sos, profile: sos-button, connection: "tcp://127.0.0.1:\(FreePort.next())", timeout: 100ms }
                uplinks:
                  - { name: police, url: "mqtt://127.0.0.1:1883", topic_prefix: p/v1 }
                """
            site = directory.file("site.yaml")
            try yaml.write(toFile: site, atomically: true, encoding: .utf8)
            simulator = try Simulator(site: try SiteLoader.load(path: site))
            try simulator.start()
        }
    }

    @Test func probePrintsEveryPointDecoded() async throws {
        let bench = try Bench()
        defer { bench.simulator.stop() }
        try bench.simulator.press(device: "gate-sos", point: "button")
        let result = try await GatewayBinary.run(["probe", "--config", bench.site, "--device", "gate-sos"])
        #expect(result.status == 0, "\(result.stderr)")
        let lines = result.stdout.split(separator: "\n")
        #expect(lines.first?.hasPrefix("gate-sos (sos-button) at tcp://127.0.0.1:\(bench.port) unit 1: answered, 5 points") == true)
        #expect(lines.contains { $0.contains("button") && $0.contains("on") && $0.contains("ACTIVE: alarm.emergency (critical)") })
        #expect(lines.contains { $0.contains("tamper") && $0.contains("off") })
        #expect(lines.count == 6, "a line per point")
    }

    @Test func probeByProfileAndURLAsJSON() async throws {
        let bench = try Bench()
        defer { bench.simulator.stop() }
        let result = try await GatewayBinary.run([
            "probe", "--profile", "sos-button", "--url", "tcp://127.0.0.1:\(bench.port)", "--unit", "1",
            "--profiles", GatewayBinary.file("DeviceProfiles"), "--json",
        ])
        #expect(result.status == 0, "\(result.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect(json["answered"] as? Bool == true)
        let points = try #require(json["points"] as? [[String: Any]])
        #expect(points.map { $0["id"] as? String } == ["button", "tamper", "fault", "mains_fail", "sounder"])
        #expect(points.first?["value"] as? Bool == false)
    }

    @Test func probeOfASilentDeviceExitsOneWithTheReason() async throws {
        let bench = try Bench()
        defer { bench.simulator.stop() }
        bench.simulator.stop()
        let result = try await GatewayBinary.run(["probe", "--config", bench.site, "--device", "dead-sos"])
        #expect(result.status == 1)
        #expect(result.stderr.hasPrefix("probe: dead-sos at tcp://127.0.0.1:"))
        #expect(result.stderr.contains("Connection refused"), "\(result.stderr)")
    }

    @Test func probeOfAnUnpluggedDeviceSaysSoInJSON() async throws {
        let bench = try Bench()
        defer { bench.simulator.stop() }
        try bench.simulator.unplug(device: "gate-sos")
        let json = try await GatewayBinary.run(["probe", "--config", bench.site, "--device", "gate-sos", "--json", "--timeout-ms", "200"])
        #expect(json.status == 1)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        #expect(object["answered"] as? Bool == false)
        #expect((object["error"] as? String)?.isEmpty == false)
    }

    @Test(arguments: [
        (["probe", "--config", "x.yaml"], "give --device ID"),
        (["probe", "--device", "a", "--profile", "b", "--url", "tcp://h:1"], "not both"),
        (["probe", "--profile", "sos-button", "--url", "tcp://h:1", "--unit", "0"], "--unit must be 1–247"),
    ])
    func probeCommandLineMistakesExit64(arguments: [String], message: String) async throws {
        let result = try await GatewayBinary.run(arguments)
        #expect(result.status == 64)
        #expect(result.stderr.contains(message), "\(result.stderr)")
    }

    @Test func unknownDeviceExitsOne() async throws {
        let bench = try Bench()
        defer { bench.simulator.stop() }
        let result = try await GatewayBinary.run(["probe", "--config", bench.site, "--device", "nope"])
        #expect(result.status == 1)
        #expect(result.stderr.contains("no device 'nope'") && result.stderr.contains("gate-sos, dead-sos"))
    }

    @Test func statusSummarisesTheRunningGateway() async throws {
        let gateway = try await RunningGateway.start()
        defer { gateway.stop() }
        let siteFile = gateway.directory.file("site.yaml")
        // Its one device never answers: exit 2, and the summary says why.
        _ = try await gateway.subscriber.next("device.offline", matching: { $0.topic == "cli/v1/events/dead-sos" })
        let result = try await GatewayBinary.run(["status", "--config", siteFile])
        #expect(result.status == 2, "\(result.stderr)")
        #expect(result.stdout.hasPrefix("CLI (cli1), campus-gateway "))
        #expect(result.stdout.contains("devices: 0/1 online"))
        #expect(result.stdout.contains("dead-sos  OFFLINE"))
        #expect(result.stdout.contains("alarms: 1 active"))
        #expect(result.stdout.contains("uplinks: 1/1 connected"))

        let json = try await GatewayBinary.run(["status", "--url", gateway.statusURL, "--json"])
        #expect(json.status == 2)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        #expect((object["site"] as? [String: Any])?["id"] as? String == "cli1")
    }

    @Test func statusWithNothingListeningExitsOne() async throws {
        let result = try await GatewayBinary.run(["status", "--url", "http://127.0.0.1:\(FreePort.next())"])
        #expect(result.status == 1)
        #expect(result.stderr.hasPrefix("status: no answer from http://127.0.0.1:"))
    }
}
