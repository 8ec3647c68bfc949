import Foundation
import Testing
@testable import SiteConfig

/// The optional `status:` section: where the status page listens.
@Suite struct StatusSectionTests {
    private func load(_ tail: [String]) throws -> Result<Site, ConfigErrors> {
        let yaml = BadInput.site(tail: tail).replacingOccurrences(of: "REPO", with: TestFiles.repoRoot())
        let folder = try TestFiles.makeFolder()
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("DeviceProfiles"), withIntermediateDirectories: true)
        let path = folder.appendingPathComponent("site.yaml").path
        do { return .success(try SiteLoader.load(yaml: yaml, path: path)) } catch { return .failure(error) }
    }

    @Test func defaultsToLoopback8080() throws {
        let site = try load([]).get()
        #expect(site.status == StatusConfig(enabled: true, host: "127.0.0.1", port: 8080))
        #expect(site.status.baseURL == "http://127.0.0.1:8080")
    }

    @Test(arguments: [
        ("127.0.0.1:9090", StatusConfig(host: "127.0.0.1", port: 9090)),
        ("\"[::1]:8081\"", StatusConfig(host: "::1", port: 8081)),
        ("off", StatusConfig(enabled: false)),
    ])
    func listen(text: String, expected: StatusConfig) throws {
        let site = try load(["status:", "  listen: \(text)"]).get()
        #expect(site.status == expected)
    }

    @Test(arguments: ["localhost", "127.0.0.1:0", "127.0.0.1:70000", ":8080"])
    func badListenAddressIsReportedAtTheValue(text: String) throws {
        guard case .failure(let error) = try load(["status:", "  listen: \"\(text)\""]) else {
            Issue.record("accepted '\(text)'")
            return
        }
        let diagnostic = try #require(error.diagnostics.first)
        #expect(error.diagnostics.count == 1)
        #expect(diagnostic.line == 8)
        #expect(diagnostic.column == 11)
        #expect(diagnostic.message == "status listen address '\(text)' must be HOST:PORT like 127.0.0.1:8080 (port 1–65535), or 'off'")
    }
}
