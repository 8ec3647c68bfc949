import ArgumentParser
import EventRouter
import Foundation
import Gateway
import GatewayCore
import GatewayTesting
import Logging
import Simulator
import SiteConfig

struct Demo: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run a demo school end to end: private broker, simulated devices, the gateway, a scripted scenario.",
        discussion: """
            Starts mosquitto on a free loopback port, serves the site's devices with the simulator \
            (on free ports too), runs the gateway, plays a scenario (SOS pressed and released, a \
            perimeter zone breached, a gate forced, a device unplugged and back) and prints each \
            event as the broker delivers it, with its delay from the input change. Exits 1 when \
            an expected event did not arrive. Stops on Ctrl-C or after --duration.
            """
    )

    @Option(name: [.short, .long], help: "The demo site file.")
    var config = "examples/demo-site.yaml"

    @Option(help: "How long to run, e.g. 60s or 5m; default: until the scenario ends.")
    var duration: String?

    func run() async throws {
        BrokenPipe.ignore()
        let site = try SiteOptions.load(config)
        let runFor: Double
        if let duration {
            guard let seconds = DemoDuration.seconds(duration) else {
                throw ValidationError("--duration must look like 30s, 5m or 1h, got '\(duration)'")
            }
            runFor = seconds
        } else {
            runFor = DemoScenario.demoSchool.length
        }
        LineLogHandler.bootstrap(level: .warning)
        let logger = Logger(label: "campus-gateway")

        let broker = try TestBroker(port: FreePort.next())
        defer { broker.shutdown() }
        let local = DemoSite.relocate(site, brokerPort: broker.port, freePort: FreePort.next)
        let simulator = try Simulator(site: local)
        try simulator.start()
        defer { simulator.stop() }

        let scenario = DemoScenario.demoSchool.steps.filter { $0.at < runFor }
        let printer = DemoPrinter(site: local, steps: scenario)
        let subscriber = try TestSubscriber(broker: broker, filter: "#")
        defer { subscriber.shutdown() }
        try await subscriber.waitForConnection()
        printer.header(broker: broker.url)

        let gateway = Gateway(site: local, logger: logger)
        let group = gateway.serviceGroup(logger: logger)
        let clock = DemoClock()

        try await withThrowingTaskGroup(of: Void.self) { tasks in
            tasks.addTask { try await group.run() }
            tasks.addTask {
                var next = 0, seen = 0
                while clock.elapsed < runFor {
                    while next < scenario.count, clock.elapsed >= scenario[next].at {
                        let step = scenario[next]
                        printer.step(step, at: clock.elapsed)
                        printer.stepStarted(next, monotonic: WallClock.monotonicNanoseconds())
                        try Self.perform(step.action, on: simulator)
                        next += 1
                    }
                    let messages = subscriber.messages
                    for message in messages[seen...] { printer.received(message, at: clock.elapsed(at: message.receivedAt)) }
                    seen = messages.count
                    try await Task.sleep(for: .milliseconds(20))
                }
                await group.triggerGracefulShutdown()
            }
            // Either the scenario ended or a signal stopped the service group: stop both.
            try await tasks.next()
            await group.triggerGracefulShutdown()
            tasks.cancelAll()
        }
        // Let the retained offline status arrive so it is shown too.
        try? await Task.sleep(for: .milliseconds(300))
        for message in subscriber.messages where message.topic.hasSuffix("/status") && message.string.contains("offline") {
            printer.received(message, at: clock.elapsed(at: message.receivedAt))
        }
        let missing = printer.summary()
        if missing > 0 { throw ExitCode(1) }
    }

    static func perform(_ action: DemoScenario.Action, on simulator: Simulator) throws {
        switch action {
        case .press(let device, let point): try simulator.press(device: device, point: point)
        case .release(let device, let point): try simulator.release(device: device, point: point)
        case .unplug(let device): try simulator.unplug(device: device)
        case .plug(let device): try simulator.plug(device: device)
        }
    }
}

/// Seconds since the demo started, on the monotonic clock.
struct DemoClock: Sendable {
    let start = WallClock.monotonicNanoseconds()
    var elapsed: Double { elapsed(at: WallClock.monotonicNanoseconds()) }
    func elapsed(at monotonic: UInt64) -> Double { Double(monotonic &- start) / 1e9 }
}

enum DemoDuration {
    static func seconds(_ text: String) -> Double? {
        let units: [(String, Double)] = [("ms", 0.001), ("s", 1), ("m", 60), ("h", 3600)]
        for (suffix, factor) in units where text.hasSuffix(suffix) {
            if let n = Double(text.dropLast(suffix.count)), n > 0 { return n * factor }
        }
        return nil
    }
}
