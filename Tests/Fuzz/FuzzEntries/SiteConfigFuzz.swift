import Foundation
import SiteConfig

/// Fuzzes the site and profile parser with the same bytes three ways: as a site file
/// (validated as `examples/fuzzed.yaml`, so `profiles: [../DeviceProfiles]` finds the
/// shipped profiles), as a profile file on its own, and as the profile of a one-device site.
///
/// Loading may fail, but never crash, and every diagnostic must point at a place in a file.
public enum SiteConfigFuzz {
    public static func run(_ data: [UInt8]) {
        let text = String(decoding: data, as: UTF8.self)
        check(sitePath, lines: text) { () throws(ConfigErrors) in _ = try SiteLoader.load(yaml: text, path: sitePath) }

        // Named after the `profile:` it declares, so a valid profile also loads into the site.
        let name = declaredName(text) ?? "fuzzed"
        // A folder of this call's own (the tests run inputs side by side), removed after it.
        let workFolder = FileManager.default.temporaryDirectory.appendingPathComponent("campus-gateway-fuzz-\(UUID().uuidString)").path
        let profilePath = "\(workFolder)/profiles/\(name).yaml"
        try? FileManager.default.createDirectory(atPath: "\(workFolder)/profiles", withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: workFolder) }
        guard FileManager.default.createFile(atPath: profilePath, contents: Data(data)) else {
            preconditionFailure("cannot write \(profilePath)")
        }
        check(profilePath, lines: text) { () throws(ConfigErrors) in _ = try SiteLoader.loadProfile(path: profilePath) }
        let site = oneDeviceSite(profile: name)
        check(profilePath, lines: text) { () throws(ConfigErrors) in _ = try SiteLoader.load(yaml: site, path: "\(workFolder)/site.yaml") }
    }

    static let sitePath = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().appendingPathComponent("../../../examples/fuzzed.yaml").standardizedFileURL.path


    /// Loads with `body`; on failure checks every diagnostic that names `file` against its text.
    static func check(_ file: String, lines text: String, _ body: () throws(ConfigErrors) -> Void) {
        do {
            try body()
        } catch {
            precondition(!error.diagnostics.isEmpty, "a load failed without saying why")
            // YAML also breaks lines at CR, NEL and the Unicode separators; CRLF counted twice only loosens the bound.
            let lineCount = text.unicodeScalars.count(where: { ["\n", "\r", "\u{85}", "\u{2028}", "\u{2029}"].contains($0) }) + 1
            for diagnostic in error.diagnostics {
                precondition(!diagnostic.message.isEmpty && !diagnostic.file.isEmpty, "empty diagnostic: \(diagnostic)")
                precondition(diagnostic.line >= 1 && diagnostic.column >= 1, "diagnostic before the file's start: \(diagnostic)")
                if diagnostic.file == file {
                    precondition(diagnostic.line <= lineCount, "diagnostic past the file's end (\(lineCount) lines): \(diagnostic)")
                }
            }
        }
    }

    /// The value of a top-level `profile: NAME` line, when NAME is a plain file name.
    static func declaredName(_ text: String) -> String? {
        for line in text.split(separator: "\n") where line.hasPrefix("profile:") {
            let name = line.dropFirst("profile:".count).trimmingCharacters(in: .whitespaces)
            let plain = !name.isEmpty && name.count <= 64
                && name.unicodeScalars.allSatisfy { CharacterSet.alphanumerics.contains($0) && $0.isASCII || $0 == "-" || $0 == "_" }
            return plain && !name.hasPrefix("-") ? name : nil
        }
        return nil
    }

    static func oneDeviceSite(profile: String) -> String {
        """
        site: { id: "4101230001", name: fuzz, timezone: Asia/Shanghai }
        profiles: [profiles]
        devices:
          - { id: device-1, profile: \(profile), connection: "tcp://127.0.0.1:15020" }
        uplinks:
          - { name: police, url: "mqtt://127.0.0.1:1883", topic_prefix: campus/v1/4101230001 }
        routes:
          - { name: all, to: [police] }
        """
    }
}
