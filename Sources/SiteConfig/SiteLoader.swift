import Foundation
import GatewayCore

/// Reads a site file and the profiles it uses, and validates them.
///
/// Every problem found is collected, not just the first, and each is reported as
/// `file:line:column: error: message` pointing at the key or value to fix; problems in a
/// profile point into the profile file.
public enum SiteLoader {
    /// Loads and validates `path`. Throws `ConfigErrors` listing every problem found.
    public static func load(path: String) throws(ConfigErrors) -> Site {
        let log = DiagnosticLog()
        guard let text = YAMLFile.read(path: path, log: log) else { throw ConfigErrors(log.sorted()) }
        return try load(text, path: path, log: log)
    }

    /// Validates `yaml` as if it were the file at `path`: diagnostics name `path`, and
    /// profile folders are found relative to `path`'s folder. The file need not exist.
    public static func load(yaml: String, path: String) throws(ConfigErrors) -> Site {
        try load(yaml, path: path, log: DiagnosticLog())
    }

    /// Loads and validates one profile file on its own (for tools that work on a device
    /// type, such as the simulator). Its `profile:` must match the file name.
    public static func loadProfile(path: String) throws(ConfigErrors) -> DeviceProfile {
        let log = DiagnosticLog()
        let absolute = URL(fileURLWithPath: path).standardizedFileURL
        let name = absolute.deletingPathExtension().lastPathComponent
        guard let text = YAMLFile.read(path: path, log: log),
              let profile = ProfileParser(file: YAMLFile(path: path, log: log)).parse(text, name: name, sourceFile: absolute.path)
        else { throw ConfigErrors(log.sorted()) }
        return profile
    }

    private static func load(_ text: String, path: String, log: DiagnosticLog) throws(ConfigErrors) -> Site {
        log.begin(file: path)
        let file = YAMLFile(path: path, log: log)
        let absolute = URL(fileURLWithPath: path).standardizedFileURL
        let parser = SiteParser(file: file, folder: absolute.deletingLastPathComponent().path)
        guard let draft = parser.parse(text) else { throw ConfigErrors(log.sorted()) }

        let displayBase = path.hasPrefix("/") ? nil : FileManager.default.currentDirectoryPath
        let library = ProfileLibrary(folders: draft.profileFolders, displayBase: displayBase, log: log)
        let profiles = draft.devices.map { device in device.profileName.flatMap { library.profile($0, for: file) } }
        SiteValidator(file: file).check(draft)

        guard log.isEmpty else { throw ConfigErrors(log.sorted()) }
        guard let site = draft.site(sourceFile: absolute.path, profiles: profiles) else {
            // Unreachable while every reader reports what it drops; kept so a gap fails loudly.
            throw ConfigErrors([ConfigDiagnostic(file: path, line: 1, column: 1, message: "internal error: site incomplete without a diagnostic")])
        }
        return site
    }
}
