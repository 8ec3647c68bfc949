import Testing

/// One wrong input for the table-driven test: a small site (and optionally a profile
/// `custom.yaml`) and the one diagnostic it must produce.
struct BadInput: Sendable, CustomTestStringConvertible {
    var name: String
    /// The site file; `REPO` stands for the package root.
    var site: String
    /// Written to `DeviceProfiles/custom.yaml` beside the site file when given.
    var profile: String? = nil
    /// "site.yaml" or "custom.yaml": the file the diagnostic must name.
    var file = "site.yaml"
    var line: Int
    var column: Int
    var message: String

    var testDescription: String { name }

    static let header = """
        site: { id: s1, name: Test, timezone: UTC }
        profiles: [DeviceProfiles, REPO/DeviceProfiles]
        """
    static let device = #"  - { id: d1, profile: sos-button, connection: "tcp://127.0.0.1:1502" }"#
    static let uplink = #"  - { name: police, url: "mqtt://127.0.0.1", topic_prefix: campus/v1/s1 }"#

    /// A valid site with the given lines swapped in: the site section is line 1, devices
    /// start at line 4, and the uplinks and any `tail` follow.
    static func site(
        section: String = header, devices: [String] = [device], uplinks: [String] = [uplink], tail: [String] = []
    ) -> String {
        ([section, "devices:"] + devices + ["uplinks:"] + uplinks + tail).joined(separator: "\n") + "\n"
    }

    /// A valid site whose one device uses `custom.yaml`, for profile cases.
    static func customProfileSite() -> String {
        site(devices: [#"  - { id: d1, profile: custom, connection: "tcp://127.0.0.1:1502" }"#])
    }

    static func profile(_ points: String...) -> String {
        (["profile: custom", "points:"] + points).joined(separator: "\n") + "\n"
    }
}
