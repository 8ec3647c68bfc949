import Foundation

/// Wall-clock times in the site's own time zone ("08:31:05"), as the guard room's clock
/// shows them.
struct ClockText: Sendable {
    private let zone: TimeZone

    init(timezone: String) {
        zone = TimeZone(identifier: timezone) ?? TimeZone(identifier: "UTC")!
    }

    func time(_ milliseconds: Int64) -> String {
        let date = Date(timeIntervalSince1970: Double(milliseconds) / 1000)
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        let c = calendar.dateComponents([.month, .day, .hour, .minute, .second], from: date)
        let today = calendar.isDate(date, inSameDayAs: Date())
        let clock = String(format: "%02d:%02d:%02d", c.hour ?? 0, c.minute ?? 0, c.second ?? 0)
        return today ? clock : String(format: "%02d-%02d ", c.month ?? 0, c.day ?? 0) + clock
    }
}
