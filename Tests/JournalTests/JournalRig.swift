import Foundation
import Gateway
import GatewayCore
import GatewayTesting
import Logging
import ServiceLifecycle
import SiteConfig

/// A journaled gateway on loopback: a real mosquitto (persistent, so the subscriber misses
/// nothing across a broker restart), a site with one device nobody serves, the journal in a
/// temporary folder, and events injected straight into the router.
final class JournalRig: Sendable {
    static let prefix = "campus/v1/j1"
    static let repositoryRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path

    let directory: TemporaryDirectory
    let broker: TestBroker
    let subscriber: TestSubscriber
    let sitePath: String
    var journalPath: String { directory.file("journal.db") }

    init() async throws {
        directory = try TemporaryDirectory(prefix: "journal-rig")
        broker = try TestBroker(persistence: true)
        let yaml = """
            site: { id: j1, name: 日志, timezone: Asia/Shanghai }
            profiles: [ "\(Self.repositoryRoot)/DeviceProfiles" ]
            devices:
              - { id: dead, profile: sos-button, connection: "tcp://127.0.0.1:\(FreePort.next())", poll: 1h, timeout: 100ms }
            uplinks:
              - { name: police, url: "mqtt://127.0.0.1:\(broker.port)", topic_prefix: \(Self.prefix) }
            # These tests flood the journal on purpose: the router must pass every event on.
            flood: off
            """
        sitePath = directory.file("site.yaml")
        try yaml.write(toFile: sitePath, atomically: true, encoding: .utf8)
        subscriber = try TestSubscriber(
            broker: broker, filter: "\(Self.prefix)/#", clientID: "journal-rig-\(broker.port)", cleanSession: false)
        try await subscriber.waitForConnection()
    }

    /// A gateway of this site on the rig's journal, running until `stop`.
    func startGateway() throws -> RunningJournaledGateway {
        var logger = Logger(label: "journal-rig")
        logger.logLevel = .warning
        let gateway = Gateway(site: try SiteLoader.load(path: sitePath), logger: logger, journalPath: journalPath)
        let group = gateway.serviceGroup(logger: logger, signals: [])
        return RunningJournaledGateway(gateway: gateway, group: group, task: Task { try await group.run() })
    }

    /// Event messages of the injected events (device `t`), in arrival order.
    var events: [[String: Any]] {
        subscriber.messages.filter { $0.topic == "\(Self.prefix)/events/t" }.compactMap { try? $0.json() }
    }

    func waitForDistinctEvents(_ count: Int, timeout: Duration = .seconds(60)) async throws {
        _ = try await subscriber.waitForCount(count, "distinct events", timeout: timeout) { _ in true }
        let deadline = ContinuousClock.now + timeout
        while Set(events.compactMap { $0["id"] as? String }).count < count {
            guard ContinuousClock.now < deadline else {
                throw TestSubscriberError(message: "only \(Set(events.compactMap { $0["id"] as? String }).count) of \(count) events arrived")
            }
            try await Task.sleep(for: .milliseconds(20))
        }
    }

    func shutdown() {
        subscriber.shutdown()
        broker.shutdown()
    }
}

struct RunningJournaledGateway {
    let gateway: Gateway
    let group: ServiceGroup
    let task: Task<Void, any Error>

    func submit(_ count: Int, severities: [Severity] = [.info, .minor, .major, .critical]) {
        for i in 0..<count {
            let severity = severities[i % severities.count]
            gateway.router.submit(Event(
                site: "j1", device: "t", point: "p", kind: severity == .critical ? .emergency : "test.flood", state: .active,
                severity: severity, timestamp: 1_700_000_000_000 + Int64(i)))
        }
    }

    func stop() async throws {
        await group.triggerGracefulShutdown()
        try await task.value
    }
}

/// Seqs of first arrivals per priority are increasing; every duplicate of a seq has the same id.
func checkOrderPerPriority(_ events: [[String: Any]]) -> [String] {
    var problems: [String] = []
    var idOfSeq: [Int: String] = [:]
    var lastSeq: [Int: Int] = [:]
    for event in events {
        guard let seq = event["seq"] as? Int, let id = event["id"] as? String, let priority = event["priority"] as? Int else {
            problems.append("malformed \(event)")
            continue
        }
        if let known = idOfSeq[seq] {
            if known != id { problems.append("seq \(seq) arrived with ids \(known) and \(id)") }
            continue
        }
        idOfSeq[seq] = id
        if let last = lastSeq[priority], seq < last { problems.append("priority \(priority): seq \(seq) after \(last)") }
        lastSeq[priority] = seq
    }
    return problems
}
