import Foundation
import Yams

/// Reads the site's optional `journal:` section.
struct JournalParser {
    static let keys = ["path", "retention_days", "max_size_mb"]
    static let retentionRange = 1...3650
    static let sizeRange = 16...1_048_576

    let file: YAMLFile
    /// Absolute folder of the site file: a relative path starts here.
    let folder: String

    func parse(_ node: Node) -> JournalConfig? {
        guard let map = MapReader(node, what: "'journal'", keys: Self.keys, file: file) else { return nil }
        var config = JournalConfig()
        if let path = map.text("path") {
            if path.value.isEmpty {
                file.error("'path' must not be empty; leave it out for \(JournalConfig.defaultPath)", at: path.mark)
            } else {
                config.path = URL(fileURLWithPath: path.value, relativeTo: URL(fileURLWithPath: folder, isDirectory: true))
                    .standardizedFileURL.path
            }
        }
        if let days = map.integer("retention_days", in: Self.retentionRange) { config.retentionDays = days.value }
        if let size = map.integer("max_size_mb", in: Self.sizeRange) { config.maxSizeMegabytes = size.value }
        return config
    }
}
