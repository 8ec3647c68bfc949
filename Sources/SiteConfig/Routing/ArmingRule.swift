/// Arms an intrusion zone while a schedule is active and disarms it otherwise: the
/// perimeter at night, on weekends and on holidays.
public struct ArmingRule: Sendable, Equatable {
    /// The zone, as the devices of the site name it.
    public var zone: String
    public var schedule: String

    public init(zone: String, schedule: String) {
        self.zone = zone
        self.schedule = schedule
    }
}
