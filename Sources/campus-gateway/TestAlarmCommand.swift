import Foundation
import ArgumentParser
import GatewayCore
import SiteConfig
import Uplinks

struct TestAlarmCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "test-alarm",
        abstract: "Send a test alarm through every uplink and show whether each broker acknowledged it.",
        discussion: """
            Connects to each uplink's broker as its client id plus '-test' (a running gateway \
            keeps its own connection), publishes one test alarm (kind system.test_alarm, \
            Contact ID 601, seq 0) on {prefix}/events/gateway and waits for the PUBACK. Prints, \
            per uplink, whether it was acknowledged and how long that took. Exits 1 when any \
            uplink did not acknowledge.
            """
    )

    @OptionGroup var site: SiteOptions

    @Option(help: "Only this uplink (may be repeated).")
    var uplink: [String] = []

    @Option(help: "How long to wait for each broker, in seconds.")
    var timeout: Int = 10

    @Flag(help: "Print the result as JSON on standard output.")
    var json = false

    func run() throws {
        let loaded = try site.loadSite()
        let chosen = loaded.uplinks.filter { uplink.isEmpty || uplink.contains($0.name) }
        if let unknown = uplink.first(where: { name in !loaded.uplinks.contains { $0.name == name } }) {
            throw ValidationError("no uplink named '\(unknown)' in \(site.config)")
        }
        // Every uplink at once, each on a thread of its own: one dead broker must not
        // delay the report on the others.
        let results = ResultBox(count: chosen.count)
        let threads = try chosen.enumerated().map { index, config in
            try DedicatedThread(name: "test-alarm \(config.name)") {
                results.set(index, TestAlarm.send(uplink: config, siteID: loaded.id, timeout: .seconds(timeout)))
            }
        }
        for thread in threads { thread.join() }
        let outcomes = results.all
        if json {
            var w = JSONWriter()
            w.beginArray()
            for outcome in outcomes {
                w.beginObject()
                w.field("uplink", outcome.uplink)
                w.field("acknowledged", outcome.acknowledged)
                if let elapsed = outcome.elapsed {
                    w.key("elapsed_ms")
                    w.value(.double((Double(elapsed.nanoseconds) / 1e4).rounded() / 100))
                }
                w.field("path", outcome.path.rawValue)
                if !outcome.error.isEmpty { w.field("error", outcome.error) }
                w.endObject()
            }
            w.endArray()
            printLine(String(decoding: w.bytes, as: UTF8.self))
        } else {
            let width = outcomes.map(\.uplink.count).max() ?? 0
            for outcome in outcomes {
                let name = outcome.uplink.padding(toLength: width, withPad: " ", startingAt: 0)
                if let elapsed = outcome.elapsed {
                    let ms = Double(elapsed.nanoseconds) / 1e6
                    printLine("\(name)  acknowledged in \(ms < 10 ? String(format: "%.1f", ms) : String(Int(ms.rounded()))) ms (\(outcome.path.rawValue) path)")
                } else {
                    printLine("\(name)  NOT acknowledged: \(outcome.error)")
                }
            }
        }
        if outcomes.contains(where: { !$0.acknowledged }) { throw ExitCode(1) }
    }

    private final class ResultBox: Sendable {
        private let lock = ConditionLock()
        private nonisolated(unsafe) var values: [TestAlarm.Outcome?]
        init(count: Int) { values = Array(repeating: nil, count: count) }
        func set(_ index: Int, _ value: TestAlarm.Outcome) { lock.withLock { values[index] = value } }
        var all: [TestAlarm.Outcome] { lock.withLock { values.compactMap { $0 } } }
    }
}
