import Foundation
import Testing
@testable import SiteConfig

/// One site with ten different mistakes, across the site file and a profile: one load
/// reports all ten, in file order, each at its line.
@Suite struct TenMistakesTests {
    struct Expected {
        var file: String
        var line: Int
        var column: Int
        var message: String
    }

    static let expected: [Expected] = [
        Expected(file: "site.yaml", line: 6, column: 13, message: "unknown time zone 'Asia/Shangai'"),
        Expected(file: "site.yaml", line: 10, column: 14, message: "profile 'sos-buton' not found in "),
        Expected(file: "site.yaml", line: 15, column: 17, message: "device 'perimeter-north' uses the same connection and unit as device 'gate-east-sos' at line 11"),
        Expected(file: "site.yaml", line: 16, column: 5, message: "unknown key 'pol' in device; did you mean 'poll'?"),
        Expected(file: "site.yaml", line: 20, column: 11, message: "'unit' must be between 1 and 247, found 0"),
        Expected(file: "site.yaml", line: 23, column: 10, message: "url must start with mqtt:// or mqtts://, got 'http://127.0.0.1:1883'"),
        Expected(file: "site.yaml", line: 28, column: 10, message: "unknown uplink 'polce' in route 'alarms'; did you mean 'police'?"),
        Expected(file: "broken-panel.yaml", line: 5, column: 82, message: "'cid' must be a Contact ID event code of exactly 3 digits"),
        Expected(file: "broken-panel.yaml", line: 6, column: 60, message: "type 'bool' is only for coil and discrete_input points"),
        Expected(file: "broken-panel.yaml", line: 8, column: 55, message: "point 'setpoint' (holding_register 5) overlaps point 'level' (holding_register 4–5) at line 7"),
    ]

    @Test func reportsExactlyTheTenMistakesInFileOrder() throws {
        let path = try TestFiles.fixture("ten-mistakes/site.yaml")
        let diagnostics = TestFiles.diagnostics(loading: path)

        try #require(diagnostics.count == Self.expected.count, "\(diagnostics.map(\.description).joined(separator: "\n"))")
        for (diagnostic, expected) in zip(diagnostics, Self.expected) {
            #expect(URL(fileURLWithPath: diagnostic.file).lastPathComponent == expected.file, "\(diagnostic)")
            #expect("\(diagnostic.line):\(diagnostic.column)" == "\(expected.line):\(expected.column)", "\(diagnostic)")
            #expect(diagnostic.message.contains(expected.message), "\(diagnostic)")
        }
    }

    @Test func siteDiagnosticsNameTheGivenPathAndProfileDiagnosticsTheProfileFile() throws {
        let path = try TestFiles.fixture("ten-mistakes/site.yaml")
        let diagnostics = TestFiles.diagnostics(loading: path)
        #expect(diagnostics.first?.file == path)
        let profilePath = URL(fileURLWithPath: path).deletingLastPathComponent().appendingPathComponent("DeviceProfiles/broken-panel.yaml")
        #expect(diagnostics.last?.file == profilePath.standardizedFileURL.path)
    }
}
