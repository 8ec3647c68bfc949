import ArgumentParser
import Foundation
import GatewayCore
import Journal
import SiteConfig

struct EventsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "events",
        abstract: "Show the events in the gateway's journal, or check its hash chain.",
        discussion: """
            Reads the journal while the gateway runs (it never blocks it). Each line shows when \
            the device showed the event, its seq, severity, kind, state, device/point, id and \
            the uplinks that have not acknowledged it yet. --json prints each event's JSON as \
            platforms receive it, one per line. --verify recomputes the hash chain and exits 1 \
            when a record was changed or removed.
            """
    )

    @Option(name: [.short, .long], help: "The site file (for its journal.path).", completion: .file(extensions: ["yaml", "yml"]))
    var config: String?

    @Option(help: "The journal file (default: the site file's journal.path, else $STATE_DIRECTORY/journal.db, else /var/lib/campus-gateway/journal.db).")
    var journal: String?

    @Option(help: "Only events since then: a time ago (30m, 2h, 7d) or an ISO 8601 time (2026-09-01T08:00:00+08:00).")
    var since: String?

    @Option(help: "Only events of this device.")
    var device: String?

    @Option(help: "Only events of this kind (alarm.emergency) or kind prefix (alarm.*).")
    var kind: String?

    @Flag(help: "Keep printing new events as they are written, until interrupted.")
    var follow = false

    @Flag(help: "Print JSON, one object per line.")
    var json = false

    @Flag(help: "Check the hash chain instead of listing events.")
    var verify = false

    func validate() throws {
        if verify, since != nil || device != nil || kind != nil || follow {
            throw ValidationError("--verify checks the whole journal; it takes no --since, --device, --kind or --follow")
        }
        if let since, Self.parseSince(since, now: 0) == nil {
            throw ValidationError("--since: expected a time ago like 30m, 2h, 7d or an ISO 8601 time, got '\(since)'")
        }
    }

    func run() async throws {
        let site = try config.map { try SiteOptions.load($0) }
        let path = JournalLocation.resolve(option: journal, site: site, create: false)
        guard FileManager.default.fileExists(atPath: path) else {
            printError("error: no journal at \(path)")
            throw ExitCode(1)
        }
        let store: JournalStore
        do {
            store = try JournalStore(path: path, readOnly: true)
        } catch {
            printError("error: cannot read the journal \(path): \(error)")
            throw ExitCode(1)
        }
        if verify {
            try runVerify(store, path: path)
            return
        }
        var filter = JournalFilter(
            since: since.flatMap { Self.parseSince($0, now: WallClock.nowMilliseconds()) }, device: device, kind: kind)
        let formatter = Self.timeFormatter()
        while true {
            let records = try store.records(filter)
            for record in records { printLine(json ? jsonLine(record) : textLine(record, formatter)) }
            if let last = records.last { filter.afterSeq = last.seq }
            guard follow else { return }
            if records.count < filter.limit { try await Task.sleep(for: .milliseconds(200)) }
        }
    }

    private func runVerify(_ store: JournalStore, path: String) throws {
        let report = try store.verify()
        if json {
            var w = JSONWriter()
            w.beginObject()
            w.field("intact", report.isIntact)
            w.field("checked", Int64(report.checked))
            w.field("pruned", Int64(report.pruned))
            w.field("first_seq", Int64(report.firstSeq))
            w.field("last_seq", Int64(report.lastSeq))
            w.key("problems")
            w.beginArray()
            for problem in report.problems { w.string(problem) }
            w.endArray()
            w.key("gaps")
            w.beginArray()
            for gap in report.gaps { w.string(gap) }
            w.endArray()
            w.endObject()
            printLine(String(decoding: w.bytes, as: UTF8.self))
        } else {
            for problem in report.problems { printLine("\(path): error: \(problem)") }
            for gap in report.gaps { printLine("\(path): note: \(gap) (never written: the journal could not write then)") }
            let range = report.checked == 0 ? "empty" : "seq \(report.firstSeq)–\(report.lastSeq)"
            printLine(
                "\(path): \(report.isIntact ? "intact" : "BROKEN"): \(report.checked) records (\(range)), "
                    + "\(report.pruned) pruned by the size cap, \(report.problems.count) broken links")
        }
        if !report.isIntact { throw ExitCode(1) }
    }

    private func textLine(_ record: JournalRecord, _ formatter: ISO8601DateFormatter) -> String {
        let fields = record.payload.flatMap { try? JSONSerialization.jsonObject(with: Data($0)) as? [String: Any] } ?? [:]
        let time = formatter.string(from: Date(timeIntervalSince1970: Double(record.timestamp) / 1000))
        let severity = fields["severity"] as? String ?? "p\(record.priority)"
        let state = fields["state"] as? String ?? (record.payload == nil ? "(pruned)" : "")
        let point = (fields["point"] as? String).map { "/\($0)" } ?? ""
        var line = "\(time)  seq \(record.seq)  \(severity)  \(record.kind) \(state)  \(record.device)\(point)  id \(record.id)"
        if !record.undeliveredTo.isEmpty { line += "  undelivered: \(record.undeliveredTo.joined(separator: ","))" }
        return line
    }

    private func jsonLine(_ record: JournalRecord) -> String {
        guard let payload = record.payload else {
            return #"{"v":1,"seq":\#(record.seq),"id":"\#(record.id)","pruned":true}"#
        }
        return String(decoding: payload, as: UTF8.self)
    }

    /// The device time of an event, UTC with milliseconds.
    static func timeFormatter() -> ISO8601DateFormatter {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        formatter.timeZone = TimeZone(identifier: "UTC")
        return formatter
    }

    /// UTC ms for `text`: a time ago (`30m`, `2h`, `7d`, `500ms`) or an ISO 8601 time.
    static func parseSince(_ text: String, now: Int64) -> Int64? {
        let units: [(String, Int64)] = [("ms", 1), ("s", 1000), ("m", 60_000), ("h", 3_600_000), ("d", 86_400_000)]
        for (unit, factor) in units where text.hasSuffix(unit) {
            if let n = Int64(text.dropLast(unit.count)), n >= 0 { return now - n * factor }
        }
        let formatter = ISO8601DateFormatter()
        for options: ISO8601DateFormatter.Options in [[.withInternetDateTime, .withFractionalSeconds], [.withInternetDateTime], [.withFullDate]] {
            formatter.formatOptions = options
            if let date = formatter.date(from: text) { return Int64(date.timeIntervalSince1970 * 1000) }
        }
        return nil
    }
}
