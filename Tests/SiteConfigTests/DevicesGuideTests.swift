import Foundation
import Testing
@testable import SiteConfig

/// The worked example of docs/devices.md is a profile that loads.
@Suite struct DevicesGuideTests {
    @Test func workedExampleLoads() throws {
        let guide = try String(contentsOfFile: "\(TestFiles.repoRoot())/docs/devices.md", encoding: .utf8)
        let start = try #require(guide.range(of: "## A worked example"))
        let end = try #require(guide.range(of: "**6. Check it"))
        let section = guide[start.upperBound..<end.lowerBound]
        let blocks = section.components(separatedBy: "```yaml\n").dropFirst().map { $0.components(separatedBy: "```")[0] }
        #expect(blocks.count == 4)
        let folder = try TestFiles.makeFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("class-panic.yaml").path
        try blocks.joined().write(toFile: path, atomically: true, encoding: .utf8)
        let profile = try SiteLoader.loadProfile(path: path)
        #expect(profile.points.map(\.id) == ["button", "lid", "buzzer", "supply"])
        #expect(profile.points[0].mode == .latched && profile.points[3].poll == .seconds(10))
        #expect(profile.prohibited == [AddressRange(table: .inputRegister, first: 5, last: 5)])
        #expect(profile.maxRegisters == 8 && profile.unitDelay == .milliseconds(50))
        #expect(profile.commands.map(\.id) == ["buzzer_on", "buzzer_off", "chirp"])
    }
}
