/// Cross-checks of schedules, linkage, drill and the route features that refer to them.
extension SiteValidator {
    func checkRouting(_ site: SiteDraft) {
        unique(site.schedules.compactMap(\.name), what: "schedule name")
        unique(site.linkage.compactMap(\.name), what: "linkage rule name")
        let scheduleNames = site.schedules.compactMap(\.name?.value)
        let deviceIDs = site.devices.compactMap(\.id?.value)
        func checkSchedule(_ schedule: Located<String>?, in owner: String) {
            guard let schedule, !scheduleNames.contains(schedule.value) else { return }
            file.error(
                "unknown schedule '\(schedule.value)'\(owner)\(Spelling.hint(for: schedule.value, in: scheduleNames))",
                at: schedule.mark)
        }
        for route in site.routes {
            checkSchedule(route.match.schedule, in: route.name.map { " in route '\($0.value)'" } ?? "")
        }
        for rule in site.linkage {
            let owner = rule.name.map { " in linkage rule '\($0.value)'" } ?? ""
            checkSchedule(rule.when?.schedule, in: owner)
            for device in (rule.when?.devices ?? []) + rule.actions.map(\.device) where !deviceIDs.contains(device.value) {
                file.error("unknown device '\(device.value)'\(owner)\(Spelling.hint(for: device.value, in: deviceIDs))", at: device.mark)
            }
        }
        checkSchedule(site.drillSchedule, in: " in 'drill'")
        unique(site.arming.map(\.zone), what: "arming zone")
        // A zone is a device's `zone:`, or the device id when it names none.
        let zones = site.devices.compactMap { $0.zone ?? $0.id?.value }
        for entry in site.arming {
            checkSchedule(entry.schedule, in: " in 'arming'")
            if !zones.contains(entry.zone.value) {
                file.error(
                    "unknown zone '\(entry.zone.value)' in 'arming': no device is in it\(Spelling.hint(for: entry.zone.value, in: zones))",
                    at: entry.zone.mark)
            }
        }
    }
}
