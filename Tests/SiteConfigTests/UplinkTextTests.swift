import Foundation
import Testing
@testable import SiteConfig

/// Uplink values end up in libmosquitto: what it accepts must load unchanged, and what it
/// refuses must be refused by `validate` (the refusals are in `BadInput+UplinkTextCases`).
@Suite struct UplinkTextTests {
    private func load(uplink: String) throws -> Site {
        let site = BadInput.site(uplinks: [uplink]).replacingOccurrences(of: "REPO", with: TestFiles.repoRoot())
        let folder = try TestFiles.makeFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("DeviceProfiles"), withIntermediateDirectories: true)
        let path = folder.appendingPathComponent("site.yaml").path
        try site.write(toFile: path, atomically: true, encoding: .utf8)
        return try SiteLoader.load(path: path)
    }

    @Test func nonASCIIValuesLibmosquittoAcceptsLoadUnchanged() throws {
        let site = try load(
            uplink: #"  - { name: police, url: "mqtt://h", topic_prefix: "校园/v1/东门 🚨", client_id: "网关-1", username: "警察", password: "p\x01\u0085\uFFFFw" }"#
        )
        let uplink = try #require(site.uplinks.first)
        #expect(uplink.topicPrefix == "校园/v1/东门 🚨")
        #expect(uplink.clientID == "网关-1")
        #expect(uplink.username == "警察")
        // MQTT passwords are binary data: control characters and noncharacters are kept.
        #expect(uplink.password?.unicodeScalars.map(\.value) == [0x70, 0x01, 0x85, 0xFFFF, 0x77])
    }

    @Test func theLongestTopicPrefixAndClientIDLoad() throws {
        let prefix = String(repeating: "a", count: UplinkParser.maxTopicPrefixBytes)
        let clientID = String(repeating: "c", count: UplinkParser.maxClientIDLength)
        let site = try load(uplink: #"  - { name: police, url: "mqtt://h", topic_prefix: "# + prefix + ", client_id: " + clientID + " }")
        #expect(site.uplinks.first?.topicPrefix.utf8.count == UplinkParser.maxTopicPrefixBytes)
        #expect(site.uplinks.first?.clientID == clientID)
    }

    /// Malformed UTF-8 cannot reach a value: the whole file is refused when it is read.
    @Test func aSiteFileWithMalformedUTF8IsRefused() throws {
        let folder = try TestFiles.makeFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("site.yaml").path
        var bytes = Array(BadInput.site().utf8)
        let prefix = Array("campus/v1/s1".utf8)
        let at = try #require(bytes.indices.first { bytes[$0...].starts(with: prefix) })
        bytes.insert(contentsOf: [0xC0, 0xAF], at: at + prefix.count)  // an overlong '/'
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        let diagnostics = TestFiles.diagnostics(loading: path)
        #expect(diagnostics.count == 1)
        #expect(diagnostics.first?.message.contains("the file is not UTF-8 text") == true, "\(diagnostics)")
    }
}
