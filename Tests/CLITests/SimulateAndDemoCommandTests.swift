import Foundation
import GatewayTesting
import Testing

@Suite(.timeLimit(.minutes(1)))
struct SimulateAndDemoCommandTests {
    @Test func simulateServesDevicesAndTakesCommandsOnItsControlPort() throws {
        let directory = try TemporaryDirectory()
        let site = directory.file("site.yaml")
        try """
            site: { id: sim1, name: Sim, timezone: Asia/Shanghai }
            profiles: [ "\(GatewayBinary.repositoryRoot)/DeviceProfiles" ]
            devices:
              - { id: gate-sos, profile: sos-button, connection: "tcp://127.0.0.1:\(FreePort.next())" }
            uplinks:
              - { name: police, url: "mqtt://127.0.0.1:1883", topic_prefix: sim/v1 }
            """.write(toFile: site, atomically: true, encoding: .utf8)
        let controlPort = FreePort.next()
        let simulator = try GatewayBinary.start(["simulate", "--config", site, "--control-port", "\(controlPort)"])
        let control = try ControlPortClient.connect(port: controlPort)
        #expect(try control.reply(to: "get gate-sos button") == "ok 0")
        #expect(try control.reply(to: "press gate-sos button") == "ok")
        #expect(try control.reply(to: "get gate-sos button") == "ok 1")
        // A malformed command is refused with a reason and the simulator keeps serving.
        #expect(try control.reply(to: "press gate-sos").hasPrefix("error: "))
        #expect(try control.reply(to: "open the gate").hasPrefix("error: "))
        #expect(try control.reply(to: "release gate-sos button") == "ok")
        #expect(try control.reply(to: "get gate-sos button") == "ok 0")

        simulator.signal(SIGTERM)
        let result = simulator.finish()
        #expect(result.status == 0, "stderr: \(result.stderr)")
        #expect(result.stdout.contains("gate-sos"))
    }

    @Test func simulateRefusesAnInvalidSite() throws {
        let result = try GatewayBinary.run(["simulate", "--config", GatewayBinary.file("Tests/SiteConfigTests/Fixtures/ten-mistakes/site.yaml")])
        #expect(result.status == 1)
        #expect(result.stderr.split(separator: "\n").filter { $0.contains(": error: ") }.count == 10)
    }

    /// What `make demo` runs: every scripted event must come back from the broker.
    @Test func demoDeliversTheScriptedEvents() throws {
        let result = try GatewayBinary.run(["demo", "--config", GatewayBinary.file("examples/demo-site.yaml"), "--duration", "8s"],
                                           timeout: .seconds(40))
        #expect(result.status == 0, "stdout: \(result.stdout)\nstderr: \(result.stderr)")
        #expect(result.stdout.contains("alarm.emergency"))
        #expect(result.stdout.contains("alarm.intrusion"))
        #expect(result.stdout.contains("6 of 6 expected deliveries arrived."))
        #expect(result.stdout.contains("status offline"))
    }
}
