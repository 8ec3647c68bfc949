#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import Gateway
import Logging

/// One line per log record on standard error: `LEVEL message key=value …` (see `LogLine`:
/// secrets redacted, line breaks escaped). Under systemd (`JOURNAL_STREAM` set) the journal
/// adds its own timestamps, so none are printed; elsewhere each line starts with an
/// ISO 8601 UTC time.
struct LineLogHandler: LogHandler {
    var logLevel: Logger.Level
    var metadata: Logger.Metadata = [:]
    let label: String
    let timestamps: Bool

    static func bootstrap(level: Logger.Level) {
        let timestamps = ProcessInfo.processInfo.environment["JOURNAL_STREAM"] == nil
        LoggingSystem.bootstrap { label in LineLogHandler(logLevel: level, label: label, timestamps: timestamps) }
    }

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        let merged = metadata.merging(event.metadata ?? [:]) { $1 }
        let line = LogLine.format(level: event.level, message: event.message.description, metadata: merged)
        printError(timestamps ? Self.now() + " " + line : line)
    }

    private static func now() -> String {
        var ts = timespec()
        clock_gettime(CLOCK_REALTIME, &ts)
        var tm = tm()
        var seconds = ts.tv_sec
        gmtime_r(&seconds, &tm)
        return String(format: "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday,
                      tm.tm_hour, tm.tm_min, tm.tm_sec, ts.tv_nsec / 1_000_000)
    }
}
