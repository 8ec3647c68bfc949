import GatewayCore
import GatewayTesting
import Logging
import SiteConfig
import Testing
@_spi(Testing) import Uplinks

/// Mutual TLS against a real mosquitto listener that requires client certificates.
@Suite struct TLSTests {
    let certificates: TestCertificates
    let broker: TestBroker

    init() throws {
        certificates = try TestCertificates()
        broker = try TestBroker(certificates: certificates)
    }

    func uplink(_ config: UplinkConfig, logs: LogRecorder? = nil) -> (Uplink, Task<Void, any Error>) {
        let logger = logs.map { recorder in Logger(label: "tls-test") { _ in recorder.handler() } } ?? Logger(label: "tls-test")
        let uplink = Uplink(config: config, siteID: testSite, logger: logger, options: UplinkOptions())
        return (uplink, Task { try await uplink.run() })
    }

    @Test func aClientCertificateSignedByTheBrokersCAIsAccepted() async throws {
        let subscriber = try TestSubscriber(broker: broker, filter: "\(testPrefix)/events/+")
        try await subscriber.waitForConnection()
        let (uplink, task) = uplink(broker.uplinkConfig(topicPrefix: testPrefix))
        try await eventually("TLS connection") { uplink.status.connected }
        let event = makeEvent(seq: 1, severity: .critical)
        uplink.submit(event)
        let received = try await subscriber.next("the event over TLS") { $0.isEvent }
        #expect(try received.json()["id"] as? String == "\(event.id)")
        await uplink.shutdown()
        try await task.value
    }

    @Test func aWrongCAIsRefusedWithAClearErrorAndNoPlainTextFallback() async throws {
        var config = broker.uplinkConfig(topicPrefix: testPrefix)
        config.caFile = certificates.otherCAFile
        let logs = LogRecorder()
        let (uplink, task) = uplink(config, logs: logs)
        try await eventually("the verification failure", timeout: .seconds(15)) {
            uplink.status.lastError.contains("certificate verify failed")
        }
        #expect(!uplink.status.connected)
        #expect(logs.all.contains { $0.level >= .warning && $0.metadata["reason"]?.contains("certificate verify failed") == true })
        // Nothing reached the broker in plain text: its log shows only failed TLS handshakes.
        #expect(!broker.log.contains("New client connected"))
        await uplink.shutdown()
        try await task.value
    }

    @Test func withoutAClientCertificateTheBrokerRefuses() async throws {
        var config = broker.uplinkConfig(topicPrefix: testPrefix)
        config.certFile = nil
        config.keyFile = nil
        let (uplink, task) = uplink(config)
        try await eventually("the refusal", timeout: .seconds(15)) { !uplink.status.lastError.isEmpty }
        try await Task.sleep(for: .milliseconds(300))
        #expect(!uplink.status.connected)
        await uplink.shutdown()
        try await task.value
    }
}
