import ArgumentParser
import SiteConfig

/// `--config FILE`, shared by every command that reads a site.
struct SiteOptions: ParsableArguments {
    @Option(name: [.short, .long], help: "The site file.", completion: .file(extensions: ["yaml", "yml"]))
    var config: String = "/etc/campus-gateway/site.yaml"

    /// Loads the site, or prints every problem as `file:line:column: error: message` on
    /// standard error and exits 1.
    func loadSite() throws -> Site { try Self.load(config) }

    static func load(_ path: String) throws -> Site {
        do {
            return try SiteLoader.load(path: path)
        } catch {
            for diagnostic in error.diagnostics { printError(diagnostic.description) }
            printError("\(path): \(error.diagnostics.count) \(error.diagnostics.count == 1 ? "error" : "errors")")
            throw ExitCode(1)
        }
    }
}
