import Testing
@testable import SiteConfig

/// A file with tens of thousands of mistakes is still reported in linear time: the log's
/// duplicate check searched the whole list for every new diagnostic (several minutes for
/// 40 000 unknown keys in a debug build before, seconds now).
@Suite struct ManyMistakesTests {
    @Test(.timeLimit(.minutes(1)))
    func fortyThousandUnknownKeysAreEachReportedOnce() {
        let keys = (0..<40_000).map { "key\($0): 1" }
        let text = (["site: { id: s1, name: Test, timezone: UTC }"] + keys).joined(separator: "\n")
        do {
            _ = try SiteLoader.load(yaml: text, path: "/fuzz/site.yaml")
            Issue.record("loaded")
        } catch {
            let unknown = error.diagnostics.filter { $0.message.hasPrefix("unknown key 'key") }
            #expect(unknown.count == 40_000)
            #expect(unknown.last?.line == 40_001)
        }
    }
}
