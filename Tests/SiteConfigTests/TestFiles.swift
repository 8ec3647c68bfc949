import Foundation
import Testing
@testable import SiteConfig

/// Paths the tests read and write.
enum TestFiles {
    /// The package root, found from this file so tests run from any working directory.
    static func repoRoot(_ file: String = #filePath) -> String {
        URL(fileURLWithPath: file).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path
    }

    /// The copied `Fixtures` folder of the test bundle.
    static func fixture(_ relativePath: String) throws -> String {
        let folder = try #require(Bundle.module.url(forResource: "Fixtures", withExtension: nil))
        return folder.appendingPathComponent(relativePath).path
    }

    /// A new empty folder under the system's temporary folder.
    static func makeFolder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("siteconfig-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// The diagnostics of loading `path`; empty when it loads.
    static func diagnostics(loading path: String) -> [ConfigDiagnostic] {
        do {
            _ = try SiteLoader.load(path: path)
            return []
        } catch {
            return error.diagnostics
        }
    }

    static func diagnostics(loadingYAML yaml: String, path: String) -> [ConfigDiagnostic] {
        do {
            _ = try SiteLoader.load(yaml: yaml, path: path)
            return []
        } catch {
            return error.diagnostics
        }
    }
}
