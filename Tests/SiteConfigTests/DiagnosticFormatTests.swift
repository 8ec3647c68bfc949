import Foundation
import Testing
@testable import SiteConfig

/// The form editors and CI logs understand, and the problems YAML itself reports.
@Suite struct DiagnosticFormatTests {
    static let path = "\(TestFiles.repoRoot())/inline-site.yaml"

    @Test func diagnosticReadsLikeACompilerError() {
        let diagnostic = ConfigDiagnostic(file: "site.yaml", line: 12, column: 5, message: "unknown key 'pol' in device")
        #expect(diagnostic.description == "site.yaml:12:5: error: unknown key 'pol' in device")
        let errors = ConfigErrors([diagnostic, ConfigDiagnostic(file: "p.yaml", line: 1, column: 1, message: "x")])
        #expect(errors.description == "site.yaml:12:5: error: unknown key 'pol' in device\np.yaml:1:1: error: x")
    }

    @Test func loaderErrorsUseThatFormWithThePathAsGiven() throws {
        let diagnostics = TestFiles.diagnostics(loadingYAML: "site: { id: s1, name: T, timezone: UTC }\nextra: 1\n", path: "some/site.yaml")
        let lines = diagnostics.map(\.description)
        #expect(lines.contains("some/site.yaml:2:1: error: unknown key 'extra' in the site file (valid keys: site, profiles, devices, uplinks, routes, schedules, linkage, flood, drill, arming, journal, status)"))
        #expect(lines.contains("some/site.yaml:1:1: error: the site file is missing required key 'devices'"))
        let pattern = /^[^:]+:\d+:\d+: error: .+$/
        #expect(lines.allSatisfy { $0.wholeMatch(of: pattern) != nil })
    }

    @Test func syntaxErrorHasItsLine() {
        let yaml = "site: { id: s1, name: Test, timezone: UTC\ndevices: []\n"
        let diagnostics = TestFiles.diagnostics(loadingYAML: yaml, path: Self.path)
        #expect(diagnostics.count == 1)
        #expect(diagnostics.first?.line == 2 && diagnostics.first?.column == 8)
        #expect(diagnostics.first?.message.hasPrefix("YAML syntax: did not find expected ',' or '}'") == true)
    }

    @Test func anErrorAtTheEndOfAFileWithoutAFinalLineBreakIsOnItsLastLine() {
        // libyaml places it on line 2 of this one-line file; editors have no line 2.
        let yaml = "site: { id: s1, name: # a comment, not a name"
        let diagnostics = TestFiles.diagnostics(loadingYAML: yaml, path: Self.path)
        #expect(diagnostics.map { "\($0.line):\($0.column)" } == ["1:\(yaml.count + 1)"])
        #expect(diagnostics.first?.message.contains("at line 1)") == true)
        // With CR line breaks the file has three lines, and the error is on the third.
        let classic = TestFiles.diagnostics(loadingYAML: "site:\r  id: s1\r  name: [x", path: Self.path)
        #expect(classic.first?.line == 3)
    }

    @Test func badIndentationIsASyntaxError() {
        let diagnostics = TestFiles.diagnostics(loadingYAML: "site:\n  id: s1\n   name: x\n", path: Self.path)
        #expect(diagnostics.map { "\($0.line):\($0.column)" } == ["3:8"])
        #expect(diagnostics.first?.message.contains("mapping values are not allowed") == true)
    }

    @Test func tabIndentationGetsAHint() {
        let diagnostics = TestFiles.diagnostics(loadingYAML: "site:\n\tid: s1\n", path: Self.path)
        #expect(diagnostics.first?.line == 2)
        #expect(diagnostics.first?.message.contains("tabs are not allowed for indentation, use spaces") == true)
    }

    @Test func repeatedKeyPointsAtTheRepeat() {
        let yaml = "devices:\n  - id: a\n    profile: sos-button\n    id: b\n"
        let diagnostics = TestFiles.diagnostics(loadingYAML: yaml, path: Self.path)
        #expect(diagnostics.map { "\($0.line):\($0.column)" } == ["4:5"])
        #expect(diagnostics.first?.message == "key 'id' appears more than once in the same map (first at line 2); a new list entry starts with '- '")
    }

    @Test func repeatedKeyInAFlowMap() {
        let diagnostics = TestFiles.diagnostics(loadingYAML: "site: { id: a, name: b, id: c }\n", path: Self.path)
        #expect(diagnostics.map { "\($0.line):\($0.column)" } == ["1:25"])
        #expect(diagnostics.first?.message.hasPrefix("key 'id' appears more than once in the same map (first at line 1)") == true)
    }

    @Test func secondDocumentIsRefused() {
        let diagnostics = TestFiles.diagnostics(loadingYAML: "site: {}\n---\nsite: {}\n", path: Self.path)
        #expect(diagnostics.map { "\($0.line):\($0.column)" } == ["2:1"])
        #expect(diagnostics.first?.message.contains("only one YAML document") == true)
    }

    @Test(arguments: ["", "# nothing but a comment\n"])
    func emptyFileSaysWhatItNeeds(_ yaml: String) {
        let diagnostics = TestFiles.diagnostics(loadingYAML: yaml, path: Self.path)
        #expect(diagnostics.map(\.message) == ["the site file is empty; it needs 'site:', 'devices:' and 'uplinks:'"])
    }

    @Test func missingFileIsReportedAgainstItsPath() {
        let diagnostics = TestFiles.diagnostics(loading: "/nonexistent/site.yaml")
        #expect(diagnostics.count == 1)
        #expect(diagnostics.first?.file == "/nonexistent/site.yaml")
        #expect(diagnostics.first?.message.hasPrefix("cannot read /nonexistent/site.yaml") == true)
    }

    @Test func columnsCountCharactersNotBytes() {
        let yaml = """
            site: { id: s1, name: 实验小学, timezone: Asia/Shanghi }
            """
        let diagnostics = TestFiles.diagnostics(loadingYAML: yaml, path: Self.path)
        let zone = diagnostics.first { $0.message.contains("time zone") }
        #expect(zone?.column == 39, "39 characters before the value; 46 bytes")
    }

    @Test func allProblemsOfOneLoadComeInFileOrder() {
        let yaml = """
            uplinks:
              - { name: p, url: "mqtt://h", topic_prefix: a, keepalive: 1s }
            devices:
              - { id: d1, profile: nope, connection: "tcp://h", unit: 0 }
            site: { id: s1, name: T, timezone: Nowhere/City }
            """
        let diagnostics = TestFiles.diagnostics(loadingYAML: yaml, path: Self.path)
        #expect(diagnostics.map(\.line) == [2, 4, 4, 5])
        #expect(diagnostics.map(\.column) == [61, 24, 59, 36])
    }
}
