import ArgumentParser
import Foundation
import GatewayCore
import SiteConfig

struct Validate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check a site file and every profile it uses, without touching any device.",
        discussion: """
            Prints every problem as FILE:LINE:COLUMN: error: MESSAGE and exits 1, or prints a \
            one-line summary and exits 0.
            """
    )

    @OptionGroup var site: SiteOptions

    @Flag(help: "Print the result as JSON on standard output.")
    var json = false

    func run() throws {
        let loaded: Site
        do {
            loaded = try SiteLoader.load(path: site.config)
        } catch {
            if json {
                printJSON(valid: false, diagnostics: error.diagnostics, site: nil)
            } else {
                for diagnostic in error.diagnostics { print(diagnostic.description) }
                print("\(site.config): \(error.diagnostics.count) \(error.diagnostics.count == 1 ? "error" : "errors")")
            }
            throw ExitCode(1)
        }
        if json {
            printJSON(valid: true, diagnostics: [], site: loaded)
        } else {
            print("\(site.config): ok: site \(loaded.id) (\(loaded.name)), \(loaded.devices.count) devices, "
                + "\(loaded.profiles.count) profiles, \(loaded.uplinks.count) uplinks, \(loaded.routes.count) routes")
        }
    }

    private func printJSON(valid: Bool, diagnostics: [ConfigDiagnostic], site: Site?) {
        var w = JSONWriter()
        w.beginObject()
        w.field("valid", valid)
        w.key("errors")
        w.beginArray()
        for d in diagnostics {
            w.beginObject()
            w.field("file", d.file)
            w.field("line", Int64(d.line))
            w.field("column", Int64(d.column))
            w.field("message", d.message)
            w.endObject()
        }
        w.endArray()
        if let site {
            w.field("site", site.id)
            w.field("devices", Int64(site.devices.count))
            w.field("profiles", Int64(site.profiles.count))
            w.field("uplinks", Int64(site.uplinks.count))
            w.field("routes", Int64(site.routes.count))
        }
        w.endObject()
        print(String(decoding: w.bytes, as: UTF8.self))
    }
}
