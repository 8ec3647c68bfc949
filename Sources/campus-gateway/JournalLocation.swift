import Foundation
import SiteConfig

/// Where the `run` and `events` commands find the journal.
enum JournalLocation {
    /// The `--journal` option, else the site file's `journal.path`, else systemd's state
    /// directory, else the default. Creates the folder for `run`, so a first start works.
    static func resolve(option: String?, site: Site?, create: Bool = true) -> String {
        let path = option ?? site?.journal.path ?? ProcessInfo.processInfo.environment["STATE_DIRECTORY"]
            .flatMap { $0.split(separator: ":").first.map { "\($0)/journal.db" } } ?? JournalConfig.defaultPath
        if create {
            try? FileManager.default.createDirectory(
                atPath: URL(fileURLWithPath: path).deletingLastPathComponent().path, withIntermediateDirectories: true)
        }
        return path
    }
}
