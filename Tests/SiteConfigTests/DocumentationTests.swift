import Foundation
import Testing
@testable import SiteConfig

/// The configuration guide and the reference site must keep up with the code: every key
/// the parsers accept is documented, and set in `examples/site.yaml`.
@Suite struct DocumentationTests {
    static let siteKeys = SiteParser.keys + SiteParser.siteKeys + DeviceParser.keys + UplinkParser.keys + RouteParser.keys
        + ScheduleParser.keys + LinkageParser.keys + LinkageParser.whenKeys + LinkageParser.actionKeys + FloodParser.keys
        + DrillParser.keys + ArmingParser.keys + JournalParser.keys + StatusParser.keys
    static let profileKeys = ProfileParser.keys + PointParser.keys

    @Test func guideDocumentsEveryKey() throws {
        let guide = try String(contentsOfFile: "\(TestFiles.repoRoot())/docs/configuration.md", encoding: .utf8)
        let undocumented = (Self.siteKeys + Self.profileKeys).filter { !guide.contains("| `\($0)` |") && !guide.contains("### `\($0)`") }
        #expect(undocumented.isEmpty, "not in docs/configuration.md: \(undocumented)")
    }

    @Test func referenceSiteSetsEveryKey() throws {
        let text = try String(contentsOfFile: "\(TestFiles.repoRoot())/examples/site.yaml", encoding: .utf8)
        let lines = text.split(separator: "\n").filter { !$0.trimmingCharacters(in: .whitespaces).hasPrefix("#") }
        let unset = Self.siteKeys.filter { key in
            !lines.contains { $0.contains(" \(key): ") || $0.hasPrefix("\(key):") || $0.contains("- \(key): ") }
        }
        #expect(unset.isEmpty, "not set in examples/site.yaml: \(unset)")
    }

    @Test func guideShowsTheDefaultsTheCodeApplies() throws {
        let guide = try String(contentsOfFile: "\(TestFiles.repoRoot())/docs/configuration.md", encoding: .utf8)
        #expect(guide.contains("the profile's `poll`, else `\(DurationParser.format(DeviceDraft.defaultPoll))`"))
        #expect(guide.contains("the profile's `timeout`, else `\(DurationParser.format(DeviceDraft.defaultTimeout))`"))
        #expect(guide.contains("1–\(UplinkParser.maxClientIDLength) characters"))
        #expect(guide.contains("\(DurationParser.expectation)"))
    }
}
