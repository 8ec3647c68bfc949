import Foundation
import GatewayCore

/// The point values and alarms last published for every device, kept in a small text file
/// so that after a restart only what changed meanwhile is reported (and nothing twice).
///
/// Lines write into it between polls; a change of alarm is saved at once, a change of
/// telemetry at most once a second (a crash can then lose a second of telemetry, never an
/// alarm). The file is replaced atomically (write a temporary file, rename).
///
/// Format, one point per line: `DEVICE<TAB>POINT<TAB>ALARM(0/1)<TAB>VALUE`, where VALUE is
/// `b0`/`b1`, `i<integer>` or `d<double>`; the first line is `campus-gateway-state 1`.
public final class DeviceStateStore: Sendable {
    public let path: String
    private let lock = ConditionLock()
    // Guarded by `lock`.
    private nonisolated(unsafe) var devices: [String: [String: StoredPoint]]
    private nonisolated(unsafe) var dirty = false
    private nonisolated(unsafe) var lastWriteNs: UInt64 = 0
    private nonisolated(unsafe) var lastError = ""
    /// A thread is writing the file; another asked for a write meanwhile.
    private nonisolated(unsafe) var writing = false
    private nonisolated(unsafe) var writeAgain = false

    static let header = "campus-gateway-state 1"
    static let telemetryDelayNs: UInt64 = 1_000_000_000

    /// Reads the file when it exists; a missing or unreadable file is an empty memory.
    public init(path: String) {
        self.path = path
        devices = (try? String(contentsOfFile: path, encoding: .utf8)).map(Self.parse) ?? [:]
    }

    /// What was saved for `device`, by point id.
    public func restored(device: String) -> [String: StoredPoint] {
        lock.withLock { devices[device] ?? [:] }
    }

    /// Records `device`'s points; `urgent` (an alarm changed) writes the file now. Returns
    /// a reason when writing fails for a new reason (for the caller to log once).
    @discardableResult
    public func update(device: String, points: [String: StoredPoint], urgent: Bool) -> String? {
        lock.withLock {
            devices[device] = points
            dirty = true
        }
        return urgent ? flush() : flushIfDue()
    }

    /// Writes when something changed and the last write is older than a second.
    @discardableResult
    public func flushIfDue() -> String? {
        let due = lock.withLock { dirty && !writing && WallClock.monotonicNanoseconds() &- lastWriteNs >= Self.telemetryDelayNs }
        return due ? flush() : nil
    }

    /// Writes the file if anything changed since the last write. Returns a reason on failure
    /// (logged by the caller once).
    ///
    /// The file is written outside `lock`: a write ends in an fsync, which on a busy disk
    /// takes tens of milliseconds, and every bus thread takes `lock` between its polls
    /// (`flushIfDue`, `update`). When another thread is writing, this one leaves its
    /// change to it: that writer goes round once more before it returns.
    @discardableResult
    public func flush() -> String? {
        guard var snapshot = startWrite() else { return nil }
        while true {
            let failure = Self.write(snapshot, to: path)
            let (report, next) = lock.withLock { () -> (String?, [String: [String: StoredPoint]]?) in
                writing = false
                if let failure {
                    dirty = true
                    writeAgain = false
                    defer { lastError = failure }
                    return (failure == lastError ? nil : failure, nil)
                }
                lastWriteNs = WallClock.monotonicNanoseconds()
                lastError = ""
                guard writeAgain, dirty else {
                    writeAgain = false
                    return (nil, nil)
                }
                writing = true
                writeAgain = false
                dirty = false
                return (nil, devices)
            }
            guard let next else { return report }
            snapshot = next
        }
    }

    /// Takes the states to write and marks a write under way; nil when there is nothing to
    /// write or another thread is writing (which then writes once more).
    private func startWrite() -> [String: [String: StoredPoint]]? {
        lock.withLock {
            guard dirty else { return nil }
            if writing {
                writeAgain = true
                return nil
            }
            // A change that lands during this write sets `dirty` again for the next round.
            writing = true
            writeAgain = false
            dirty = false
            return devices
        }
    }

    /// Most bytes held before they go to the file. The file holds every point of the site
    /// (100 000 lines on a large one): built whole, it would grow the malloc arena of each
    /// bus thread that writes it by megabytes, for good.
    static let chunkBytes = 64 * 1024

    /// Writes a temporary file beside the file in chunks, syncs it, then renames it over
    /// the file. Returns why it failed, or nil.
    private static func write(_ devices: [String: [String: StoredPoint]], to path: String) -> String? {
        guard let problem = writeChunks(devices, to: path) else { return nil }
        return "cannot write \(path): \(problem)"
    }

    private static func writeChunks(_ devices: [String: [String: StoredPoint]], to path: String) -> String? {
        let temporary = path + ".tmp"
        guard let file = fopen(temporary, "w") else { return String(cString: strerror(errno)) }
        var chunk: [UInt8] = []
        chunk.reserveCapacity(chunkBytes + 1024)
        var failed = false
        func drain() {
            if !chunk.isEmpty, fwrite(chunk, 1, chunk.count, file) != chunk.count { failed = true }
            chunk.removeAll(keepingCapacity: true)
        }
        chunk.append(contentsOf: (header + "\n").utf8)
        for device in devices.keys.sorted() {
            for (point, stored) in devices[device]!.sorted(by: { $0.key < $1.key }) {
                chunk.append(contentsOf: device.utf8)
                chunk.append(UInt8(ascii: "\t"))
                chunk.append(contentsOf: point.utf8)
                chunk.append(contentsOf: (stored.alarm ? "\t1\t" : "\t0\t").utf8)
                chunk.append(contentsOf: encode(stored.value).utf8)
                chunk.append(UInt8(ascii: "\n"))
                if chunk.count >= chunkBytes { drain() }
            }
        }
        drain()
        // On disk before the rename, so a power cut leaves the old file or the new one.
        if !failed, fflush(file) != 0 || fsync(fileno(file)) != 0 { failed = true }
        let error = failed ? errno : 0
        if fclose(file) != 0 || failed {
            let reason = String(cString: strerror(failed ? error : errno))
            unlink(temporary)
            return reason
        }
        guard rename(temporary, path) == 0 else {
            let reason = String(cString: strerror(errno))
            unlink(temporary)
            return reason
        }
        return nil
    }

    static func encode(_ value: PointValue) -> String {
        switch value {
        case .bool(let b): b ? "b1" : "b0"
        case .int(let i): "i\(i)"
        case .double(let d): "d\(d)"
        }
    }

    static func decode(_ text: Substring) -> PointValue? {
        guard let tag = text.first else { return nil }
        let rest = text.dropFirst()
        switch tag {
        case "b": return rest == "1" ? .bool(true) : rest == "0" ? .bool(false) : nil
        case "i": return Int64(rest).map(PointValue.int)
        case "d": return Double(rest).map(PointValue.double)
        default: return nil
        }
    }

    /// Lines that do not parse are skipped: a damaged file costs a report, not a start.
    static func parse(_ text: String) -> [String: [String: StoredPoint]] {
        var result: [String: [String: StoredPoint]] = [:]
        let lines = text.split(separator: "\n")
        guard lines.first == Substring(header) else { return [:] }
        for line in lines.dropFirst() {
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false)
            guard fields.count == 4, let value = decode(fields[3]), fields[2] == "0" || fields[2] == "1" else { continue }
            result[String(fields[0]), default: [:]][String(fields[1])] = StoredPoint(value: value, alarm: fields[2] == "1")
        }
        return result
    }
}
