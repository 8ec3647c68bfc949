/// The whole site file as read, before cross-checks and before profiles are attached.
struct SiteDraft {
    var id: String?
    var name: String?
    var timezone: String?
    /// Absolute, in search order.
    var profileFolders: [String] = []
    var devices: [DeviceDraft] = []
    var uplinks: [UplinkDraft] = []
    var routes: [RouteDraft] = []
    var schedules: [ScheduleDraft] = []
    var linkage: [LinkageDraft] = []
    var flood: FloodPolicy? = .standard
    var drillSchedule: Located<String>?
    var stateFile: String?
    /// Nil when the section is wrong (the log says why); the defaults when it is absent.
    var journal: JournalConfig? = JournalConfig()
    var arming: [ArmingDraft] = []
    var status = StatusConfig()

    /// The finished site, given each device's profile in the same order as `devices`.
    /// Nil when anything is missing; callers only ask when the log is empty.
    func site(sourceFile: String, profiles: [DeviceProfile?]) -> Site? {
        guard let id, let name, let timezone else { return nil }
        var devices: [DeviceConfig] = []
        for (draft, profile) in zip(self.devices, profiles) {
            guard let profile, let device = draft.config(profile: profile) else { return nil }
            devices.append(device)
        }
        let uplinks = self.uplinks.compactMap { $0.config() }
        let routes = self.routes.compactMap { $0.config() }
        guard uplinks.count == self.uplinks.count, routes.count == self.routes.count, let journal else { return nil }
        let schedules = self.schedules.compactMap { $0.config() }
        let linkage = self.linkage.compactMap { $0.config() }
        guard schedules.count == self.schedules.count, linkage.count == self.linkage.count else { return nil }
        let byName = Dictionary(devices.map { ($0.profile.name, $0.profile) }, uniquingKeysWith: { first, _ in first })
        var site = Site(
            id: id, name: name, timezone: timezone, sourceFile: sourceFile, profilePaths: profileFolders,
            devices: devices, uplinks: uplinks, routes: routes, profiles: byName, stateFile: stateFile, journal: journal, status: status
        )
        site.schedules = schedules
        site.linkage = linkage
        site.flood = flood
        site.drillSchedule = drillSchedule?.value
        site.arming = arming.map(\.rule)
        return site
    }
}
