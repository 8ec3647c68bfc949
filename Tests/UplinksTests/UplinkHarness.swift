import GatewayCore
import GatewayTesting
import Logging
import SiteConfig
import Testing
@_spi(Testing) import Uplinks

let testSite = "4101230001"
let testPrefix = "campus/v1/\(testSite)"

/// An `Uplink` running in a task, against a test broker.
struct RunningUplink {
    let uplink: Uplink
    let task: Task<Void, any Error>

    init(
        broker: TestBroker, heartbeat: Duration = .seconds(10), options: UplinkOptions = UplinkOptions(),
        logs: LogRecorder? = nil
    ) {
        var logger = logs.map { recorder in Logger(label: "uplink-test") { _ in recorder.handler() } } ?? Logger(label: "uplink-test")
        logger.logLevel = .info
        uplink = Uplink(
            config: broker.uplinkConfig(topicPrefix: testPrefix, heartbeat: heartbeat), siteID: testSite, logger: logger,
            options: options
        )
        let uplink = self.uplink
        task = Task { try await uplink.run() }
    }

    func waitUntilConnected(timeout: Duration = .seconds(15)) async throws {
        let uplink = self.uplink
        try await eventually("uplink to connect", timeout: timeout) { uplink.status.connected }
    }

    func stop() async throws {
        await uplink.shutdown()
        try await task.value
    }
}

func makeEvent(seq: UInt64, severity: Severity = .info, device: String = "gate-1") -> Event {
    Event(
        site: testSite, device: device, point: "input-\(seq % 3)", kind: severity == .critical ? .emergency : "gate.status",
        state: .active, severity: severity, timestamp: 1_700_000_000_000 + Int64(seq), location: "正门 main gate",
        cameras: ["cam-1"], contactID: severity == .critical ? "120" : "", value: .bool(true), id: EventID(high: 0x0190_0000_0000_7000 | seq, low: 0x8000_0000_0000_0000 | seq), seq: seq
    )
}

func eventTopic(_ device: String = "gate-1") -> String { "\(testPrefix)/events/\(device)" }

extension ReceivedMessage {
    var isEvent: Bool { topic.hasPrefix("\(testPrefix)/events/") }
}

/// Keeps every log record, for tests that check what was logged.
final class LogRecorder: Sendable {
    struct Record: Sendable {
        var level: Logger.Level
        var message: String
        var metadata: [String: String]
    }

    private let lock = ConditionLock()
    private nonisolated(unsafe) var records: [Record] = []

    var all: [Record] { lock.withLock { records } }

    func append(_ record: Record) { lock.withLock { records.append(record) } }

    func handler() -> some LogHandler { Handler(recorder: self) }

    private struct Handler: LogHandler {
        let recorder: LogRecorder
        var metadata: Logger.Metadata = [:]
        var logLevel: Logger.Level = .trace

        subscript(metadataKey key: String) -> Logger.Metadata.Value? {
            get { metadata[key] }
            set { metadata[key] = newValue }
        }

        func log(event: LogEvent) {
            let merged = metadata.merging(event.metadata ?? [:]) { $1 }
            recorder.append(Record(level: event.level, message: "\(event.message)", metadata: merged.mapValues { "\($0)" }))
        }
    }
}
