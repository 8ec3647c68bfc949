import GatewayCore
import GatewayTesting
@testable import SiteConfig
import Testing
@testable @_spi(Testing) import Uplinks

/// Options libmosquitto refuses must fail `MQTTClient.init` with a clear error, and free
/// everything exactly once: a configuration error used to free the client a second time in
/// `deinit` (a crash).
@Suite("MQTTClient options libmosquitto refuses")
struct MQTTClientConfigurationTests {
    private func options(
        clientID: String = "configured", username: String? = nil, password: String? = nil, willTopic: String? = nil
    ) -> MQTTClientOptions {
        MQTTClientOptions(
            host: "127.0.0.1", port: 1, clientID: clientID, username: username, password: password,
            will: willTopic.map { .init(topic: $0, payload: Array("gone".utf8)) }
        )
    }

    private func creationError(_ options: MQTTClientOptions) -> MQTTError? {
        do {
            let client = try MQTTClient(options: options) { _ in }
            client.shutdown()
            return nil
        } catch {
            return error
        }
    }

    struct RefusedOption: Sendable, CustomTestStringConvertible {
        var name: String
        var willTopic: String?
        var username: String?
        var testDescription: String { name }
    }

    static let refusedOptions = [
        RefusedOption(name: "will topic with a noncharacter", willTopic: "campus/\(scalar(0xFFFE))/status"),
        RefusedOption(name: "will topic with a control character", willTopic: "campus/\u{1}/status"),
        RefusedOption(name: "will topic with a wildcard", willTopic: "campus/#"),
        RefusedOption(name: "username with a C1 control", username: "police\u{85}"),
        RefusedOption(name: "username with U+FDD0", username: "police\(scalar(0xFDD0))"),
    ]

    /// Many times over, so a double free cannot slip through by luck.
    @Test(arguments: refusedOptions)
    func aRefusedOptionThrowsAndFreesTheClientOnce(_ input: RefusedOption) throws {
        for _ in 0..<50 {
            let error = try #require(creationError(options(username: input.username, willTopic: input.willTopic)))
            #expect(error.code != nil && error.code != 0, "\(error)")
        }
        let error = try #require(creationError(options(username: input.username, willTopic: input.willTopic)))
        if input.willTopic != nil {
            #expect(error.operation.hasPrefix("set last will on"), "\(error)")
        } else {
            #expect(error.description.contains("username is not valid MQTT UTF-8"), "\(error)")
        }
    }

    @Test func aClientIDWithAControlCharacterIsNamedAsTheCause() throws {
        let error = try #require(creationError(options(clientID: "gate\u{1}way")))
        #expect(error.code == Int32(18), "MOSQ_ERR_MALFORMED_UTF8: \(error)")
        #expect(error.description.contains(#"client id "gate\u{01}way""#), "\(error)")
        #expect(error.description.contains("not valid MQTT UTF-8"), "\(error)")
        #expect(!error.description.contains("errno"), "errno is not what failed: \(error)")
    }

    @Test func anEmptyClientIDIsNamedAsTheCause() throws {
        let error = try #require(creationError(options(clientID: "")))
        #expect(error.description.contains("client id must not be empty"), "\(error)")
    }

    /// MQTT passwords are binary data: libmosquitto takes any character in them.
    @Test func aPasswordWithControlCharactersIsAccepted() throws {
        #expect(creationError(options(username: "police", password: "p\u{1}\u{85}\(scalar(0xFFFF))w")) == nil)
    }

    /// The site file (SiteConfig) refuses exactly what libmosquitto refuses, for every code
    /// point, so `validate` catches what would otherwise fail only when the uplink starts.
    @Test func siteFileRulesMatchLibmosquittoForEveryCodePoint() {
        var mismatches: [String] = []
        for value in UInt32(0)...0x10FFFF {
            guard let scalar = Unicode.Scalar(value) else { continue }  // surrogates
            let text = "a" + String(Character(scalar)) + "b"
            let mosquittoRefuses = Mosquitto.validateUTF8(text) != Mosquitto.success
            let siteFileRefuses = MQTTText.problem(text) != nil
            if mosquittoRefuses != siteFileRefuses, mismatches.count < 20 {
                mismatches.append("U+\(String(value, radix: 16, uppercase: true)): libmosquitto \(mosquittoRefuses), site file \(siteFileRefuses)")
            }
        }
        #expect(mismatches.isEmpty, "\(mismatches)")
    }

    @Test func topicLengthLimitsMatchLibmosquitto() throws {
        let longest = String(repeating: "a", count: MQTTText.maxBytes)
        #expect(creationError(options(willTopic: longest)) == nil)
        let error = try #require(creationError(options(willTopic: longest + "a")))
        #expect(error.code == Int32(3), "MOSQ_ERR_INVAL: \(error)")
        // The longest topic under the longest prefix the site file allows fits exactly.
        let prefix = String(repeating: "p", count: UplinkParser.maxTopicPrefixBytes)
        let topic = Topics(prefix: prefix).events(device: String(repeating: "d", count: Identifier.maxLength))
        #expect(topic.utf8.count == MQTTText.maxBytes)
        #expect(creationError(options(willTopic: topic)) == nil)
    }
}

/// A string of one code point (Swift literals refuse noncharacters such as U+FFFE).
private func scalar(_ value: UInt32) -> String { String(Character(Unicode.Scalar(value)!)) }
