import GatewayCore

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One CSV line per event the broker acknowledged, with the monotonic times of its way
/// through the gateway: the poll response that showed the change, the journal's commit,
/// the call of `mosquitto_publish`, the PUBACK (0 for a time that does not apply: no poll
/// for the gateway's own events, no commit without a journal).
/// A measurement aid (docs/benchmarks.md), on when `CAMPUS_GATEWAY_DELIVERY_TRACE=FILE` is
/// set; without it no uplink holds one, and the only cost is a nil check per PUBACK.
///
/// CLOCK_MONOTONIC is system-wide, so another process (GatewayBench) can set these times
/// beside its own. `record` only appends to a buffer under a short lock, on the network
/// thread that saw the PUBACK; a thread of the trace's own formats and writes it every
/// 100 ms, so the file never blocks a publish.
public final class DeliveryTrace: Sendable {
    public static let environmentVariable = "CAMPUS_GATEWAY_DELIVERY_TRACE"

    /// The process's trace, from the environment: nil (no tracing) unless the variable names
    /// a file that can be created.
    public static let fromEnvironment: DeliveryTrace? = {
        guard let path = getenv(environmentVariable).map({ String(cString: $0) }), !path.isEmpty else { return nil }
        return DeliveryTrace(path: path)
    }()

    public static let header = "uplink,seq,id,device,kind,replayed,observed_ns,committed_ns,publish_ns,puback_ns"

    struct Line: Sendable {
        var uplink: String
        var entry: OutgoingEvent
        var publishNs: UInt64
        var pubackNs: UInt64
    }

    private let lock = ConditionLock()
    // Guarded by `lock`.
    private nonisolated(unsafe) var pending: [Line] = []
    /// Guarded by `fileLock`: the flusher and `flush()` write in turn, lines in order.
    private let fileLock = ConditionLock()
    private nonisolated(unsafe) let file: UnsafeMutablePointer<FILE>

    /// Creates (truncates) `path` and writes the header; nil when it cannot be opened.
    public init?(path: String) {
        guard let file = fopen(path, "w") else { return nil }
        self.file = file
        fputs(Self.header + "\n", file)
        fflush(file)
        // Lives as long as the process: the trace is made once, from the environment.
        DedicatedThread.detach(name: "delivery trace") { [self] in
            while true {
                usleep(100_000)
                flush()
            }
        }
    }

    func record(uplink: String, _ entry: OutgoingEvent, publishNs: UInt64, pubackNs: UInt64) {
        lock.withLock { pending.append(Line(uplink: uplink, entry: entry, publishNs: publishNs, pubackNs: pubackNs)) }
    }

    /// Writes what is buffered now (the uplink calls it as it stops, so nothing is left behind).
    public func flush() {
        fileLock.withLock {
            let lines = lock.withLock {
                defer { pending.removeAll(keepingCapacity: true) }
                return pending
            }
            guard !lines.isEmpty else { return }
            for line in lines {
                let e = line.entry.entry
                let text = "\(line.uplink),\(e.seq),\(e.id),\(e.device),\(e.kind),\(line.entry.replayed ? 1 : 0),"
                    + "\(e.observedAt.nanoseconds),\(e.committedAt.nanoseconds),\(line.publishNs),\(line.pubackNs)\n"
                fputs(text, file)
            }
            fflush(file)
        }
    }
}
