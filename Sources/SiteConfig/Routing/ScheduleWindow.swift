/// One weekly window of a schedule: on the given weekdays, from `start` to `end` local
/// time. A window whose end is not after its start runs past midnight into the next day
/// (`22:00-06:00`); `00:00-24:00` is the whole day.
public struct ScheduleWindow: Sendable, Equatable {
    /// ISO weekdays the window starts on: 1 = Monday … 7 = Sunday.
    public var weekdays: Set<Int>
    /// Minutes after local midnight, 0–1439.
    public var start: Int
    /// Minutes after local midnight, 1–1440; at or before `start` means the next day.
    public var end: Int

    public init(weekdays: Set<Int> = Set(1...7), start: Int, end: Int) {
        self.weekdays = weekdays
        self.start = start
        self.end = end
    }

    /// Length in minutes.
    public var length: Int { end > start ? end - start : end + 1440 - start }
}
