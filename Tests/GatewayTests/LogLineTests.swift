import Gateway
import Logging
import Testing

/// One record, one line; no secret in it.
@Suite struct LogLineTests {
    @Test func oneLineWithSortedQuotedMetadata() {
        let line = LogLine.format(level: .warning, message: "device offline", metadata: [
            "reason": "connect to tcp://10.0.0.5:502: Connection refused", "device.id": "gate-sos", "empty": "",
        ])
        #expect(line == #"WARNING device offline device.id=gate-sos empty="" reason="connect to tcp://10.0.0.5:502: Connection refused""#)
    }

    @Test func lineBreaksCannotSplitARecord() {
        let line = LogLine.format(level: .error, message: "bad\nthing", metadata: ["detail": "a\nb \"c\""])
        #expect(!line.contains("\n"))
        #expect(line == #"ERROR bad\nthing detail="a\nb \"c\"""#)
    }

    @Test(arguments: ["password", "mqtt.password", "tls.private_key", "api_token", "shared_secret", "psk"])
    func secretKeysAreRedacted(key: String) {
        let line = LogLine.format(level: .info, message: "m", metadata: [key: "hunter2"])
        #expect(!line.contains("hunter2"))
        #expect(line.hasSuffix("\(key)=***"))
    }

    @Test func credentialsInURLsLoseThePassword() {
        let line = LogLine.format(level: .info, message: "connecting to mqtts://gw:hunter2@police.example:8883/x",
                                  metadata: ["error": "mqtt://a:b@c refused", "mqtt.broker": "h:1"])
        #expect(!line.contains("hunter2") && !line.contains("a:b@"))
        #expect(line.contains("mqtts://gw:***@police.example:8883/x"))
        #expect(line.contains(#"error="mqtt://a:***@c refused""#))
        #expect(line.contains("mqtt.broker=h:1"), "host:port is not a secret")
    }

    @Test func ordinaryKeysAreNotMistakenForSecrets() {
        let line = LogLine.format(level: .info, message: "m", metadata: ["event.kind": "alarm.emergency", "monkey": "x"])
        #expect(line == "INFO m event.kind=alarm.emergency monkey=x")
    }
}
