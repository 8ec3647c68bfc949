import BenchSupport
import Foundation
import GatewayCore
import GatewayTesting
import Journal

/// One measurement: the gateway connects, the broker stops (its port closes), the flood is
/// journaled, the broker starts again on the same port, and the benchmark times the drain
/// at a QoS 1 subscriber and in the journal file.
struct ReplayRun {
    let settings: ReplaySettings

    func run() async throws -> ReplayResult {
        let folder = try TemporaryDirectory(prefix: "replay-bench")
        defer {
            // A temporary directory removes itself; one moved away is kept.
            if settings.keep, (try? FileManager.default.moveItem(atPath: folder.path, toPath: folder.path + "-kept")) != nil {
                settings.progress("kept site file, journal and logs in \(folder.path)-kept")
            }
            folder.remove()
        }
        // Persistent, so the subscriber's session (and what is queued for it) survives the outage.
        let broker = try TestBroker(persistence: true)
        defer {
            broker.stop()
            if settings.keep { try? FileManager.default.copyItem(atPath: broker.logPath, toPath: folder.file("mosquitto.log")) }
            broker.shutdown()
        }
        let sitePath = folder.file("site.yaml")
        let journalPath = folder.file("journal.db")
        try ReplaySite.yaml(brokerPort: broker.port).write(toFile: sitePath, atomically: true, encoding: .utf8)
        // A persistent session: the broker keeps what arrives for it until it is back.
        let session = "replay-bench-\(broker.port)"
        let first = try Self.subscribe(broker, session: session)
        try await first.waitForConnection()

        let gateway = try Spawned(
            name: "gateway", binary: settings.executable,
            arguments: ["gateway", "--site", sitePath, "--journal", journalPath, "--events", "\(settings.events)", "--seed", "\(settings.seed)",
                        "--rate", "\(settings.rate)"],
            folder: folder.path)
        defer { gateway.stop() }
        _ = try await Milestones.wait(for: "ready", from: gateway, timeout: .seconds(60))
        settings.progress("gateway \(gateway.pid) connected; stopping the broker")
        broker.stop()
        // Its reconnect backoff would delay the first arrival by up to half a second; a new
        // client of the same session connects the moment the broker is back.
        first.shutdown()
        guard !broker.acceptsConnections else { throw BenchError("port \(broker.port) still accepts connections after the broker stopped") }

        // Journaling: the flood enters the router once the uplink has seen the broker go.
        let loadBefore = Self.loadAverage()
        let ticksBefore = Proc.cpuTicks(gateway.pid) ?? 0
        kill(gateway.pid, SIGUSR1)
        let submitting = try await Milestones.wait(for: "submitting", from: gateway, timeout: .seconds(60))
        settings.progress("broker down; \(settings.events) events going into the journal")
        let journaled = try await Milestones.wait(for: "journaled", from: gateway, timeout: .seconds(1800))
        let journalBytes = Self.fileBytes(journalPath)
        let journalingTicks = (Proc.cpuTicks(gateway.pid) ?? ticksBefore) - ticksBefore
        let journalingSeconds = Self.seconds(journaled.nanoseconds - submitting.nanoseconds)
        settings.progress(String(format: "journaled in %.2f s; broker stays down %.1f s more", journalingSeconds, settings.outageSeconds))
        try await Task.sleep(for: .seconds(settings.outageSeconds))
        try Interrupt.check()

        // The drain.
        let memoryBefore = Proc.memory(gateway.pid)
        var sampler = try ResourceSampler(gateway: gateway.pid, others: [("bench", getpid())])
        let brokerStart = WallClock.monotonicNanoseconds()
        try broker.start()
        let brokerAccepting = WallClock.monotonicNanoseconds()
        let subscriber = try Self.subscribe(broker, session: session)
        defer { subscriber.shutdown() }
        let brokerPID = Proc.children(named: "mosquitto").first
        let brokerTicks = brokerPID.flatMap(Proc.cpuTicks) ?? 0
        settings.progress("broker back on port \(broker.port); draining")
        let watch = try await drain(subscriber: subscriber, gateway: gateway, journal: journalPath, sampler: &sampler)
        let resources = try sampler.finish()
        let brokerCPU = brokerPID.flatMap(Proc.cpuTicks).map { Double($0 - brokerTicks) / Double(Proc.ticksPerSecond) }
        let loadAfter = Self.loadAverage()
        // Late duplicates would arrive within a moment of the last acknowledgement.
        try await Task.sleep(for: .seconds(1))
        let milestones = Milestones.read(gateway.stdoutPath)
        let order = ArrivalOrder(subscriber.messages, events: settings.events)
        let stopped = gateway.stop()
        return ReplayResult(
            settings: settings, mix: PriorityMix(events: settings.events, seed: settings.seed), order: order,
            journalingSeconds: journalingSeconds, journalCommits: Int(journaled.values.dropFirst().first ?? "") ?? 0,
            journalBytes: journalBytes,
            journalingCPUSeconds: Double(journalingTicks) / Double(Proc.ticksPerSecond),
            brokerStart: brokerStart, brokerAccepting: brokerAccepting,
            uplinkReconnected: milestones["reconnected"]?.nanoseconds, uplinkDrained: milestones["uplink-drained"]?.nanoseconds,
            journalEmpty: watch.journalEmpty, pendingLeft: watch.pendingLeft,
            rssBeforeDrainKB: memoryBefore?.rssKB ?? 0, resources: resources, brokerCPUSeconds: brokerCPU,
            loadBefore: loadBefore, loadAfter: loadAfter, gatewayExitCode: stopped.exitCode
        )
    }

    struct DrainWatch {
        /// When the journal file first showed nothing pending for the uplink.
        var journalEmpty: UInt64?
        var pendingLeft: Int
    }

    /// Waits until the subscriber has (nearly) every flood event, then polls the journal
    /// until nothing is pending; gives up when no flood event arrived for the idle timeout.
    /// The journal is only queried near the end: counting pending rows reads the whole
    /// backlog, and doing that all along would take CPU from the gateway it measures.
    private func drain(
        subscriber: TestSubscriber, gateway: Spawned, journal: String, sampler: inout ResourceSampler
    ) async throws -> DrainWatch {
        let store = try JournalStore(path: journal, readOnly: true)
        guard let bit = try store.uplinkNames().first(where: { $0.value == ReplaySite.uplink })?.key else {
            throw BenchError("the journal has no bit for uplink \(ReplaySite.uplink)")
        }
        let topic = ReplaySite.eventsTopicPrefix + "r"
        var lastCount = 0
        var lastChange = WallClock.monotonicNanoseconds()
        var nextSample = lastChange + 1_000_000_000
        var pending = Int.max
        while true {
            try Interrupt.check()
            try gateway.requireRunning()
            let now = WallClock.monotonicNanoseconds()
            if now >= nextSample {
                try sampler.sample()
                nextSample += 1_000_000_000
            }
            let count = subscriber.messages.count { $0.topic.hasPrefix(topic) }
            if count != lastCount {
                lastCount = count
                lastChange = now
            }
            if count * 20 >= settings.events * 19 {
                pending = try store.backlog(bit: bit)
                if pending == 0 { return DrainWatch(journalEmpty: WallClock.monotonicNanoseconds(), pendingLeft: 0) }
            }
            if Self.seconds(now - lastChange) > settings.idleTimeoutSeconds {
                settings.progress("no flood event for \(settings.idleTimeoutSeconds) s; giving up")
                return DrainWatch(journalEmpty: nil, pendingLeft: try store.backlog(bit: bit))
            }
            try await Task.sleep(for: .milliseconds(count * 20 >= settings.events * 19 ? 10 : 100))
        }
    }

    /// The QoS 1 subscriber to everything under the site's prefix.
    static func subscribe(_ broker: TestBroker, session: String) throws -> TestSubscriber {
        try TestSubscriber(broker: broker, filter: "\(ReplaySite.topicPrefix)/#", clientID: session, cleanSession: false)
    }

    /// Bytes of the journal file and its write-ahead log.
    static func fileBytes(_ path: String) -> Int64 {
        [path, path + "-wal"].reduce(0) { sum, file in
            sum + (((try? FileManager.default.attributesOfItem(atPath: file))?[.size] as? NSNumber)?.int64Value ?? 0)
        }
    }

    static func seconds(_ ns: UInt64) -> Double { Double(ns) / 1e9 }

    /// The 1-, 5- and 15-minute load averages.
    static func loadAverage() -> String {
        (Proc.read("/proc/loadavg") ?? "").split(separator: " ").prefix(3).joined(separator: " ")
    }
}
