import GatewayCore
import Yams

/// Reads one entry of the site's `devices:` list.
struct DeviceParser {
    static let keys = ["id", "profile", "connection", "unit", "poll", "timeout", "offline_after", "location", "cameras", "tags", "zone"]

    let file: YAMLFile

    func parse(_ node: Node) -> DeviceDraft? {
        guard let map = MapReader(node, what: "device", label: "each entry of 'devices'", keys: Self.keys, file: file) else { return nil }
        var id = map.text("id", required: true)
        if let given = id, let problem = Identifier.problem(given.value, what: "device id") {
            file.error(problem, at: given.mark)
            id = nil
        }
        let profileName = map.text("profile", required: true)
        let connection = map.text("connection", required: true).flatMap(connection)
        let unit: Int? = map.has("unit") ? map.integer("unit", in: 1...247)?.value : 1
        let poll = map.duration("poll", in: ProfileParser.pollRange)
        let timeout = map.duration("timeout", in: ProfileParser.timeoutRange)
        let offlineAfter = map.integer("offline_after", in: 1...100)?.value ?? 3
        let location = map.text("location")?.value ?? ""
        let cameras = map.textList("cameras")?.map(\.value) ?? []
        let tags = map.textList("tags")?.map(\.value) ?? []
        var zone = map.text("zone")
        if let given = zone, let problem = Identifier.problem(given.value, what: "zone") {
            file.error(problem, at: given.mark)
            zone = nil
        }
        return DeviceDraft(
            id: id, profileName: profileName, connection: connection, unit: unit, poll: poll, timeout: timeout,
            offlineAfter: offlineAfter, location: location, cameras: cameras, tags: tags, zone: zone?.value
        )
    }

    private func connection(_ text: Located<String>) -> Located<DeviceConnection>? {
        switch DeviceConnection.parse(text.value) {
        case .success(let connection):
            return Located(value: connection, mark: text.mark)
        case .failure(let problem):
            // The parser's reasons name the URL or the part of it that is wrong.
            file.error(problem.description, at: text.mark)
            return nil
        }
    }
}
