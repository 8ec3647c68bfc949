import Foundation

/// The gateway's delivery trace (`CAMPUS_GATEWAY_DELIVERY_TRACE`, docs/benchmarks.md): per
/// acknowledged event, monotonic ns of the poll response that showed the change, of the
/// journal's commit, of the publish and of the broker's PUBACK. CLOCK_MONOTONIC is system-wide, so these line up
/// with the benchmark's own flip times.
struct DeliveryTraceFile {
    struct Line {
        var observedNs: UInt64
        /// The journal's commit returned (0 without a journal).
        var committedNs: UInt64
        var publishNs: UInt64
        var pubackNs: UInt64
    }

    /// By event id, for the lines of `uplink`.
    private(set) var lines: [String: Line] = [:]
    private(set) var total = 0

    init(path: String, uplink: String) throws {
        let text = try String(contentsOfFile: path, encoding: .utf8)
        // uplink,seq,id,device,kind,replayed,observed_ns,committed_ns,publish_ns,puback_ns
        for row in text.split(separator: "\n").dropFirst() {
            let fields = row.split(separator: ",", omittingEmptySubsequences: false)
            guard fields.count == 10, fields[0] == uplink, let observed = UInt64(fields[6]), let committed = UInt64(fields[7]),
                  let publish = UInt64(fields[8]), let puback = UInt64(fields[9])
            else { continue }
            total += 1
            lines[String(fields[2])] = Line(observedNs: observed, committedNs: committed, publishNs: publish, pubackNs: puback)
        }
    }
}
