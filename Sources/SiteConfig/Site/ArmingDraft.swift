/// An arming entry as read; its schedule is checked once everything is read.
struct ArmingDraft {
    var zone: Located<String>
    var schedule: Located<String>

    var rule: ArmingRule { ArmingRule(zone: zone.value, schedule: schedule.value) }
}
