/// How a path appears in diagnostics. When the technician named the site file relative to
/// the current folder, profile files are shown relative to it too, so every line of the
/// output reads alike and stays short; otherwise paths stay absolute.
enum DisplayPath {
    /// `absolute` relative to `base` when it lies inside it, else unchanged.
    static func show(_ absolute: String, under base: String?) -> String {
        guard let base, !base.isEmpty else { return absolute }
        let prefix = base.hasSuffix("/") ? base : base + "/"
        return absolute.hasPrefix(prefix) ? String(absolute.dropFirst(prefix.count)) : absolute
    }
}
