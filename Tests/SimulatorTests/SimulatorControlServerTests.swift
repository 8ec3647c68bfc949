import GatewayCore
import Modbus
import Testing

@testable import Simulator

@Suite("Control protocol over the loopback control server", .timeLimit(.minutes(1)))
struct SimulatorControlServerTests {
    @Test func goodLines() throws {
        let simulator = try TestSite.started()
        let control = SimulatorControlServer(commandLine: SimulatorCommandLine(simulator: simulator))
        try control.start()
        defer { control.stop() }
        #expect(control.port > 0)
        let line = try LineClient(port: control.port)

        #expect(try line.ask("press gate-sos button") == "ok")
        #expect(try simulator.get(device: "gate-sos", point: "button") == 1)
        #expect(try line.ask("get gate-sos button") == "ok 1")
        #expect(try line.ask("release gate-sos button") == "ok")
        #expect(try line.ask("get gate-sos button") == "ok 0")
        #expect(try line.ask("set gate-sos voltage 23.5") == "ok")
        #expect(try line.ask("get gate-sos voltage") == "ok 23.5")
        #expect(try line.ask("  SET\tgate-sos temperature -20\r") == "ok")  // spacing, case, CRLF
        #expect(try line.ask("get gate-sos temperature") == "ok -20")
        #expect(try line.ask("help").hasPrefix("ok commands: press DEVICE POINT"))

        let client = try TestSite.client(simulator, "gate-sos")
        #expect(try client.registers(.inputRegister, 0, 2) == [235, 0xFFEC])

        #expect(try line.ask("unplug bollard") == "ok")
        #expect(try simulator.isPlugged(device: "bollard") == false)
        let list = try line.ask("list")
        #expect(list.hasPrefix("ok gate-sos button=0 tamper=0 siren=0 zone1=0 zone2=0 armed=0 voltage=23.5 temperature=-20 "))
        #expect(list.contains("; guard-sos button=0"))
        #expect(list.contains("; bollard[unplugged] button=0"))
        #expect(try line.ask("plug bollard") == "ok")
        #expect(try simulator.isPlugged(device: "bollard"))

        // Two commands in one packet, and one split over two, each get their reply.
        try line.send("press gate-sos siren\nget gate-sos si")
        #expect(try line.readLine() == "ok")
        try line.send("ren\n")
        #expect(try line.readLine() == "ok 1")
    }

    @Test func malformedLinesAreRefusedWithAReason() throws {
        let simulator = try TestSite.started()
        let control = SimulatorControlServer(commandLine: SimulatorCommandLine(simulator: simulator))
        try control.start()
        defer { control.stop() }
        let line = try LineClient(port: control.port)

        #expect(try line.ask("") == "error: empty command (try help)")
        #expect(try line.ask("   ") == "error: empty command (try help)")
        #expect(try line.ask("jump gate-sos") == "error: unknown command 'jump' (try help)")
        #expect(try line.ask("press gate-sos") == "error: usage: press DEVICE POINT")
        #expect(try line.ask("press gate-sos button extra") == "error: usage: press DEVICE POINT")
        #expect(try line.ask("set gate-sos voltage") == "error: usage: set DEVICE POINT VALUE")
        #expect(try line.ask("set gate-sos voltage abc") == "error: value must be a finite number, got 'abc'")
        #expect(try line.ask("set gate-sos voltage nan") == "error: value must be a finite number, got 'nan'")
        #expect(try line.ask("set gate-sos voltage 1e9").hasPrefix("error: value 1000000000 for voltage gives raw"))
        #expect(try line.ask("press nobody button").hasPrefix("error: unknown device 'nobody' (devices: gate-sos, guard-sos, bollard)"))
        #expect(try line.ask("press gate-sos voltage").hasPrefix("error: point voltage is u16, not bool or bit"))
        #expect(try line.ask("get gate-sos ghost").hasPrefix("error: device gate-sos has no point 'ghost'"))
        #expect(try line.ask("unplug") == "error: usage: unplug DEVICE")
        #expect(try line.ask("list all") == "error: usage: list")
        #expect(try line.ask("press \u{1B}[2J button").hasPrefix("error: unknown device '"))
        #expect(try line.ask("get gate-sos \u{FF}") .hasPrefix("error: device gate-sos has no point"))

        // A line past the limit is refused, the rest of it dropped, and the session goes on.
        try line.send(String(repeating: "x", count: ControlLoop.maxLine + 10))
        #expect(try line.readLine() == "error: line longer than \(ControlLoop.maxLine) bytes")
        try line.send("yyyy\n")
        #expect(try line.ask("get gate-sos button") == "ok 0")

        // Nothing was changed by any of it.
        #expect(try simulator.get(device: "gate-sos", point: "voltage") == 0)
    }

    @Test func manyClientsAndAPromptStop() throws {
        let simulator = try TestSite.started()
        let control = SimulatorControlServer(commandLine: SimulatorCommandLine(simulator: simulator), port: 0)
        try control.start()
        let clients = try (0..<4).map { _ in try LineClient(port: control.port) }
        for (i, client) in clients.enumerated() {
            #expect(try client.ask("set gate-sos voltage \(i)") == "ok")
        }
        #expect(try clients[0].ask("get gate-sos voltage") == "ok 3")
        let port = control.port
        let started = ContinuousClock.now
        control.stop()
        #expect(ContinuousClock.now - started < .seconds(1))
        #expect(throws: (any Error).self) { _ = try LineClient(port: port) }
    }
}
