import GatewayCore

/// A device as read from the site file, before its profile is attached. Fields are nil
/// when missing or wrong (already reported), so cross-checks can still use the rest.
struct DeviceDraft {
    var id: Located<String>?
    var profileName: Located<String>?
    var connection: Located<DeviceConnection>?
    /// Nil only when written wrong; absent means the default, 1.
    var unit: Int?
    /// Nil when not given (or wrong): the profile's value or the default applies.
    var poll: Duration?
    var timeout: Duration?
    var offlineAfter: Int
    var location: String
    var cameras: [String]
    var tags: [String]
    var zone: String? = nil

    static let defaultPoll: Duration = .seconds(1)
    static let defaultTimeout: Duration = .milliseconds(500)

    /// The finished device, or nil when a required part is missing.
    func config(profile: DeviceProfile) -> DeviceConfig? {
        guard let id, let connection, let unit else { return nil }
        return DeviceConfig(
            id: id.value, profile: profile, connection: connection.value, unit: unit,
            poll: poll ?? profile.poll ?? Self.defaultPoll, timeout: timeout ?? profile.timeout ?? Self.defaultTimeout,
            offlineAfter: offlineAfter, location: location, cameras: cameras, tags: tags,
            zone: zone
        )
    }
}
