import Foundation
import Testing

@Suite struct ValidateCommandTests {
    @Test func helpListsEveryCommand() throws {
        let result = try GatewayBinary.run(["--help"])
        #expect(result.status == 0)
        for command in ["run", "validate", "simulate", "demo"] {
            #expect(result.stdout.contains(command), "--help does not mention \(command)")
        }
    }

    @Test func validDemoSiteExitsZeroWithSummary() throws {
        let result = try GatewayBinary.run(["validate", "--config", GatewayBinary.file("examples/demo-site.yaml")])
        #expect(result.status == 0)
        #expect(result.stdout.contains("ok: site 4101230001"))
        #expect(result.stdout.contains("4 devices"))
    }

    @Test func tenMistakesAreAllReportedWithLines() throws {
        let site = GatewayBinary.file("Tests/SiteConfigTests/Fixtures/ten-mistakes/site.yaml")
        let result = try GatewayBinary.run(["validate", "--config", site])
        #expect(result.status == 1)
        let diagnostics = result.stdout.split(separator: "\n").filter { $0.contains(": error: ") }
        #expect(diagnostics.count == 10)
        #expect(diagnostics.allSatisfy { $0.wholeMatch(of: #/[^:]+\.yaml:\d+:\d+: error: .+/#) != nil })
        #expect(result.stdout.contains("10 errors"))
    }

    @Test func jsonOutputIsParseable() throws {
        let result = try GatewayBinary.run(["validate", "--json", "--config", GatewayBinary.file("Tests/SiteConfigTests/Fixtures/ten-mistakes/site.yaml")])
        #expect(result.status == 1)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect(object["valid"] as? Bool == false)
        let errors = try #require(object["errors"] as? [[String: Any]])
        #expect(errors.count == 10)
        #expect(errors.allSatisfy { ($0["line"] as? Int ?? 0) > 0 && ($0["message"] as? String)?.isEmpty == false })
    }

    @Test func missingFileIsAClearError() throws {
        let result = try GatewayBinary.run(["validate", "--config", "/nonexistent/site.yaml"])
        #expect(result.status == 1)
        #expect(result.stdout.contains("/nonexistent/site.yaml"))
    }

    @Test func wrongCommandLineExits64() throws {
        let result = try GatewayBinary.run(["validate", "--no-such-flag"])
        #expect(result.status == 64)
        #expect(result.stderr.contains("no-such-flag"))
    }

    @Test func runRefusesAnInvalidSiteWithTheSameMessages() throws {
        let site = GatewayBinary.file("Tests/SiteConfigTests/Fixtures/ten-mistakes/site.yaml")
        let result = try GatewayBinary.run(["run", "--config", site], timeout: .seconds(20))
        #expect(result.status == 1)
        let diagnostics = result.stderr.split(separator: "\n").filter { $0.contains(": error: ") }
        #expect(diagnostics.count == 10)
    }
}
