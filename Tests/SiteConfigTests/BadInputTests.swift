import Foundation
import Testing
@testable import SiteConfig

@Suite struct BadInputTests {
    @Test(arguments: BadInput.all)
    func reportsOneDiagnosticAtThePlaceToFix(_ input: BadInput) throws {
        let folder = try TestFiles.makeFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let profiles = folder.appendingPathComponent("DeviceProfiles")
        try FileManager.default.createDirectory(at: profiles, withIntermediateDirectories: true)
        if let profile = input.profile {
            try profile.write(to: profiles.appendingPathComponent("custom.yaml"), atomically: true, encoding: .utf8)
        }
        let sitePath = folder.appendingPathComponent("site.yaml").path
        try input.site.replacingOccurrences(of: "REPO", with: TestFiles.repoRoot())
            .write(toFile: sitePath, atomically: true, encoding: .utf8)

        let diagnostics = TestFiles.diagnostics(loading: sitePath)

        try #require(diagnostics.count == 1, "\(diagnostics.map(\.description))")
        let diagnostic = diagnostics[0]
        #expect(URL(fileURLWithPath: diagnostic.file).lastPathComponent == input.file)
        #expect("\(diagnostic.line):\(diagnostic.column)" == "\(input.line):\(input.column)", "\(diagnostic)")
        #expect(diagnostic.message.contains(input.message), "\(diagnostic.message)")
    }

    @Test func thereAreAtLeastTwentyCases() {
        #expect(BadInput.all.count >= 20)
        #expect(Set(BadInput.all.map(\.name)).count == BadInput.all.count, "case names are unique")
    }
}
