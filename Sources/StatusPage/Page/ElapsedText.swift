/// Durations as a person on duty reads them: "45 s", "3 min 12 s", "2 h 5 min", "3 d 4 h".
public enum ElapsedText {
    public static func describe(milliseconds: Int64) -> String {
        let seconds = max(0, milliseconds) / 1000
        if seconds < 1 { return "<1 s" }
        if seconds < 60 { return "\(seconds) s" }
        let minutes = seconds / 60
        if minutes < 60 { return "\(minutes) min \(seconds % 60) s" }
        let hours = minutes / 60
        if hours < 24 { return "\(hours) h \(minutes % 60) min" }
        return "\(hours / 24) d \(hours % 24) h"
    }

    /// "3 s ago", or "never" for 0.
    public static func ago(_ timestamp: Int64, now: Int64) -> String {
        timestamp <= 0 ? "never" : describe(milliseconds: now - timestamp) + " ago"
    }
}
