import Foundation
import GatewayCore
import GatewayTesting
import Logging
import Polling
import SiteConfig

/// The rig: simulator processes serving N SOS columns on loopback, and a `PollingService`
/// polling them from this process with a sink that only counts.
struct PollRig {
    let devices: Int
    let unitsPerPort: Int
    let pollMs: Int
    let binary: String
    let devicesPerSimulator: Int

    static let profiles = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("DeviceProfiles").path

    func measure(seconds: Int) async throws -> PollResult {
        guard FileManager.default.isExecutableFile(atPath: binary) else {
            throw BenchFailure("no executable at \(binary): run `swift build -c release --product campus-gateway` first, or pass --binary")
        }
        let folder = try TemporaryDirectory(prefix: "pollbench")
        let profile = try SiteLoader.loadProfile(path: Self.profiles + "/sos-button.yaml")
        let ports = (0..<(devices + unitsPerPort - 1) / unitsPerPort).map { _ in FreePort.next() }
        let configs = (0..<devices).map { i in
            DeviceConfig(
                id: "sos-\(i + 1)", profile: profile, connection: .tcp(host: "127.0.0.1", port: ports[i / unitsPerPort]),
                unit: i % unitsPerPort + 1, poll: .milliseconds(pollMs), timeout: .milliseconds(200)
            )
        }

        // Simulators in whole converters: a shard never splits one port's units.
        var children: [ChildProcess] = []
        defer {
            for child in children { child.signal(SIGTERM) }
            for i in children.indices { _ = children[i].wait(timeout: .seconds(3)) }
        }
        let perShard = max(unitsPerPort, devicesPerSimulator / unitsPerPort * unitsPerPort)
        var logs: [(path: String, count: Int)] = []
        for (shard, start) in stride(from: 0, to: devices, by: perShard).enumerated() {
            let slice = Array(configs[start..<min(devices, start + perShard)])
            let path = folder.file("simulator-\(shard + 1).yaml")
            try Self.yaml(slice).write(toFile: path, atomically: true, encoding: .utf8)
            let log = folder.file("simulator-\(shard + 1).out")
            children.append(try ChildProcess(path: binary, arguments: ["simulate", "--config", path, "--control-port", "0"], stdout: log))
            logs.append((log, slice.count))
        }
        try await Self.waitUntilServing(logs)

        let site = Site(id: "bench", name: "Bench", timezone: "UTC", sourceFile: folder.file("site.yaml"), profilePaths: [],
                        devices: configs, uplinks: [], profiles: [profile.name: profile])
        let sink = CountingSink()
        var logger = Logger(label: "pollbench")
        logger.logLevel = .error
        let service = PollingService(site: site, sink: sink, logger: logger)
        let started = Date()
        try service.start()
        while service.stats().devices.contains(where: { !$0.snapshot.online }) {
            guard Date().timeIntervalSince(started) < 30 else { throw BenchFailure("devices not online within 30 s") }
            try await Task.sleep(for: .milliseconds(50))
        }
        let startup = Date().timeIntervalSince(started)
        try await Task.sleep(for: .seconds(2))

        let loadStart = SelfUsage.loadAverage()
        let before = service.stats(), cpuBefore = SelfUsage.cpuSeconds(), wallBefore = Date()
        var rss: [Int] = []
        var threads = 0
        for _ in 0..<seconds {
            try await Task.sleep(for: .seconds(1))
            let memory = SelfUsage.memory()
            rss.append(memory.rssKB)
            threads = memory.threads
        }
        let after = service.stats(), cpuAfter = SelfUsage.cpuSeconds(), wall = Date().timeIntervalSince(wallBefore)
        await service.stop()

        return PollResult(
            devices: devices, unitsPerPort: unitsPerPort, lines: after.lines.count, pollMs: pollMs, seconds: wall,
            startupSeconds: startup, before: before, after: after, cpuSeconds: cpuAfter - cpuBefore,
            rssKB: rss.sorted()[rss.count / 2], rssMaxKB: rss.max() ?? 0, threads: threads, events: sink.events,
            load: (loadStart, SelfUsage.loadAverage())
        )
    }

    static func yaml(_ devices: [DeviceConfig]) -> String {
        var lines = ["site: { id: bench, name: Bench, timezone: UTC }", "profiles: [ \"\(profiles)\" ]", "devices:"]
        for d in devices {
            lines.append("  - { id: \(d.id), profile: sos-button, connection: \"\(d.connection)\", unit: \(d.unit) }")
        }
        lines += ["uplinks:", "  - { name: none, url: \"mqtt://127.0.0.1:1\", topic_prefix: bench }"]
        return lines.joined(separator: "\n") + "\n"
    }

    /// Each simulator prints one `serving …` line per device once it listens.
    static func waitUntilServing(_ logs: [(path: String, count: Int)]) async throws {
        let started = Date()
        while true {
            let ready = logs.allSatisfy { log in
                let text = (try? String(contentsOfFile: log.path, encoding: .utf8)) ?? ""
                return text.components(separatedBy: "serving ").count - 1 >= log.count
            }
            if ready { return }
            guard Date().timeIntervalSince(started) < 30 else { throw BenchFailure("simulators not serving within 30 s") }
            try await Task.sleep(for: .milliseconds(50))
        }
    }
}
