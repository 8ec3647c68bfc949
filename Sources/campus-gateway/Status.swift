import ArgumentParser
import Foundation
import SiteConfig
import StatusPage

struct Status: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Ask the running gateway how it is, through its local status server.",
        discussion: """
            The address is --url, else the site file's `status: listen:`, else \
            http://127.0.0.1:8080.
            Exit codes: 0 the gateway answered and all is well; 1 no answer (not running, \
            status page off, wrong address); 2 it answered but something needs attention: a \
            device offline, an uplink down, or a vital part not alive; 64 wrong command line.
            """
    )

    @Option(name: [.short, .long], help: "The site file, to find the status address.", completion: .file(extensions: ["yaml", "yml"]))
    var config: String = "/etc/campus-gateway/site.yaml"

    @Option(help: "The status server, e.g. http://127.0.0.1:8080.")
    var url: String?

    @Flag(help: "Print /api/status as JSON on standard output.")
    var json = false

    func run() async throws {
        let client = StatusClient(baseURL: baseURL())
        let status: GatewayStatus
        do {
            status = try await client.status()
        } catch {
            printError("status: \(error.description)")
            throw ExitCode(1)
        }
        if json {
            print((try? await client.text("/api/status")) ?? "")
        } else {
            print(StatusSummary.text(status))
        }
        if StatusSummary.needsAttention(status) { throw ExitCode(2) }
    }

    private func baseURL() -> String {
        if let url { return url }
        // Only the address is wanted: a site file with problems elsewhere still gives it.
        if FileManager.default.fileExists(atPath: config), let site = try? SiteLoader.load(path: config), site.status.enabled {
            return site.status.baseURL
        }
        return StatusConfig().baseURL
    }
}
