import Foundation
import Yams

/// Reads the site file's top level: the `site:` section, the profile folders and the
/// `devices`, `uplinks` and `routes` lists (each entry by its own parser), and the optional
/// `status` section.
struct SiteParser {
    static let keys = ["site", "profiles", "devices", "uplinks", "routes", "schedules", "linkage", "flood", "drill", "arming", "journal", "status"]
    static let siteKeys = ["id", "name", "timezone", "state_file"]
    static let defaultProfileFolder = "DeviceProfiles"

    let file: YAMLFile
    /// Absolute folder of the site file: relative profile folders start here.
    let folder: String

    func parse(_ text: String) -> SiteDraft? {
        let start = file.log.count
        guard let root = file.compose(text) else {
            if file.log.count == start { file.error("the site file is empty; it needs 'site:', 'devices:' and 'uplinks:'", at: nil) }
            return nil
        }
        guard let map = MapReader(root, what: "the site file", label: "a site file", keys: Self.keys, file: file) else { return nil }
        var draft = SiteDraft()
        if let node = map.required("site"), let site = MapReader(node, what: "'site'", keys: Self.siteKeys, file: file) {
            readSection(site, into: &draft)
        }
        draft.profileFolders = profileFolders(map)
        draft.devices = entries(map, "devices", what: "device").compactMap(DeviceParser(file: file).parse)
        let uplinkParser = UplinkParser(file: file, siteID: draft.id ?? "", folder: folder)
        draft.uplinks = entries(map, "uplinks", what: "uplink").compactMap(uplinkParser.parse)
        draft.routes = (map.list("routes") ?? []).compactMap(RouteParser(file: file).parse)
        let scheduleParser = ScheduleParser(file: file, siteTimezone: draft.timezone)
        draft.schedules = (map.list("schedules") ?? []).compactMap(scheduleParser.parse)
        draft.linkage = (map.list("linkage") ?? []).compactMap(LinkageParser(file: file).parse)
        if let flood = map.optional("flood") { draft.flood = FloodParser(file: file).parse(flood) }
        if let drill = map.optional("drill") { draft.drillSchedule = DrillParser(file: file).parse(drill) }
        draft.arming = (map.list("arming") ?? []).compactMap(ArmingParser(file: file).parse)
        if let node = map.optional("journal") { draft.journal = JournalParser(file: file, folder: folder).parse(node) }
        if let status = map.optional("status") { draft.status = StatusParser(file: file).parse(status) ?? StatusConfig() }
        return draft
    }

    private func readSection(_ site: MapReader, into draft: inout SiteDraft) {
        if let id = site.text("id", required: true) {
            if let problem = Identifier.problem(id.value, what: "site id") { file.error(problem, at: id.mark) } else { draft.id = id.value }
        }
        if let name = site.text("name", required: true) {
            if name.value.isEmpty { file.error("site name must not be empty", at: name.mark) } else { draft.name = name.value }
        }
        if let zone = site.text("timezone", required: true) {
            if let problem = Self.timezoneProblem(zone.value) { file.error(problem, at: zone.mark) } else { draft.timezone = zone.value }
        }
        if let state = site.text("state_file") {
            if state.value.isEmpty || state.value.hasSuffix("/") {
                file.error("'state_file' must name a file, found '\(state.value)'", at: state.mark)
            } else {
                draft.stateFile = URL(fileURLWithPath: state.value, relativeTo: URL(fileURLWithPath: folder, isDirectory: true)).standardizedFileURL.path
            }
        }
    }

    /// A required list that must not be empty.
    private func entries(_ map: MapReader, _ key: String, what: String) -> [Node] {
        guard let list = map.list(key, required: true) else { return [] }
        if list.isEmpty { file.error("'\(key)' must list at least one \(what)", at: map.value(key)?.mark) }
        return list
    }

    private func profileFolders(_ map: MapReader) -> [String] {
        guard let given = map.textList("profiles") else { return [absolute(Self.defaultProfileFolder)] }
        if given.isEmpty { file.error("'profiles' must list at least one folder (leave it out for [DeviceProfiles])", at: map.value("profiles")?.mark) }
        return given.map { entry in
            let path = absolute(entry.value)
            var isFolder: ObjCBool = false
            if !FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) || !isFolder.boolValue {
                file.error("profile folder '\(entry.value)' does not exist (\(path))", at: entry.mark)
            }
            return path
        }
    }

    private func absolute(_ path: String) -> String {
        let base = URL(fileURLWithPath: folder, isDirectory: true)
        return URL(fileURLWithPath: path, isDirectory: true, relativeTo: base).standardizedFileURL.path
    }

    /// Why `name` is not an IANA time zone name, or nil. Abbreviations such as CST are
    /// refused even where Foundation knows them: CST is China, Central US or Cuba.
    static func timezoneProblem(_ name: String) -> String? {
        let known = TimeZone.knownTimeZoneIdentifiers
        if known.contains(name) || name == "UTC" { return nil }
        if name.hasPrefix("Etc/"), TimeZone(identifier: name) != nil { return nil }
        return "unknown time zone '\(name)': use an IANA name like Asia/Shanghai\(Spelling.hint(for: name, in: known))"
    }
}
