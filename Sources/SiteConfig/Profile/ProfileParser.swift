import Yams

/// Reads one device profile file (`DeviceProfiles/NAME.yaml`).
struct ProfileParser {
    static let keys = ["profile", "description", "poll", "timeout", "points"]
    static let pollRange: ClosedRange<Duration> = .milliseconds(10)...(.seconds(3600))
    static let timeoutRange: ClosedRange<Duration> = .milliseconds(10)...(.seconds(60))

    let file: YAMLFile

    /// The profile, or nil when the file has any problem (all of them are in the log).
    /// `name` is the file name without `.yaml`, which the `profile:` key must repeat;
    /// `sourceFile` is the file's absolute path, kept in the profile.
    func parse(_ text: String, name: String, sourceFile: String) -> DeviceProfile? {
        let start = file.log.count
        guard let root = file.compose(text) else {
            if file.log.count == start { file.error("the profile file is empty; it needs 'profile:' and 'points:'", at: nil) }
            return nil
        }
        guard let map = MapReader(root, what: "profile", label: "a profile file", keys: Self.keys, file: file) else { return nil }

        if let declared = map.text("profile", required: true), declared.value != name {
            file.error("profile '\(declared.value)' must be named like its file: write 'profile: \(name)' or rename the file", at: declared.mark)
        }
        let description = map.text("description")?.value ?? ""
        let poll = map.duration("poll", in: Self.pollRange)
        let timeout = map.duration("timeout", in: Self.timeoutRange)
        var points: [ParsedPoint] = []
        if let list = map.list("points", required: true) {
            if list.isEmpty { file.error("'points' must list at least one point", at: map.value("points")?.mark) }
            points = list.compactMap(PointParser(file: file).parse)
        }
        PointLayout.check(points, file: file)

        guard file.log.count == start else { return nil }
        return DeviceProfile(
            name: name, description: description, sourceFile: sourceFile, points: points.map(\.spec), poll: poll, timeout: timeout
        )
    }
}
