import Foundation
import Yams

/// Finds profiles by name in the search folders and loads each one once, however many
/// devices use it.
final class ProfileLibrary {
    /// Absolute folders, in search order.
    let folders: [String]
    /// Folder that diagnostic paths are shown relative to; nil for absolute paths.
    private let displayBase: String?
    private let log: DiagnosticLog
    /// nil value: the profile was found but has problems (already reported).
    private var loaded: [String: DeviceProfile?] = [:]

    init(folders: [String], displayBase: String?, log: DiagnosticLog) {
        self.folders = folders
        self.displayBase = displayBase
        self.log = log
    }

    /// The profile `name` refers to, reporting at `name`'s place in `site` when it is
    /// not found, and in the profile file when that file has problems.
    func profile(_ name: Located<String>, for site: YAMLFile) -> DeviceProfile? {
        if let cached = loaded[name.value] { return cached }
        if let problem = Identifier.problem(name.value, what: "profile name") {
            site.error(problem, at: name.mark)
            return nil
        }
        guard let path = path(for: name.value) else {
            let hint = Spelling.hint(for: name.value, in: availableNames())
            // Not cached: every device naming it is a line to fix, so each gets its diagnostic.
            let searched = folders.map { DisplayPath.show($0, under: displayBase) }.joined(separator: ", ")
            site.error("profile '\(name.value)' not found in \(searched)\(hint)", at: name.mark)
            return nil
        }
        let shown = DisplayPath.show(path, under: displayBase)
        let profile = YAMLFile.read(path: path, log: log, shownAs: shown, referrer: (site, name.mark)).flatMap { text in
            ProfileParser(file: YAMLFile(path: shown, log: log)).parse(text, name: name.value, sourceFile: path)
        }
        loaded[name.value] = .some(profile)
        return profile
    }

    /// `NAME.yaml` in the first folder that has it.
    func path(for name: String) -> String? {
        folders.lazy.map { "\($0)/\(name).yaml" }.first { FileManager.default.fileExists(atPath: $0) }
    }

    /// Every profile name in the search folders, for "did you mean".
    func availableNames() -> [String] {
        folders.flatMap { folder in
            ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? [])
                .filter { $0.hasSuffix(".yaml") }
                .map { String($0.dropLast(".yaml".count)) }
        }
    }
}
