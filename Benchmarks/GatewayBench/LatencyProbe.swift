import BenchSupport
import Foundation
import GatewayCore
import GatewayTesting

/// Flips SOS columns' inputs over the simulator's control port and matches each flip with
/// the gateway's event at the subscriber.
///
/// A flip is timed from just after the simulator's `ok` (the point is already changed
/// then) to the subscriber's receive time (`ReceivedMessage.receivedAt`, stamped on
/// libmosquitto's thread as the message arrives), both monotonic. A device is flipped again
/// only after its previous flip was seen (or lost), so a press and its release never fall
/// into one poll.
final class LatencyProbe {
    struct Flip {
        var device: Int
        var point: String
        /// `active` for a press, `cleared` for a release.
        var state: String
        /// False for an event only awaited, not timed (the `cleared` after a reset command).
        var measured: Bool
        /// Monotonic ns just before the command was written, and just after its `ok`.
        var beforeNs: UInt64
        var sentNs: UInt64
        var sentWallNs: Int64
    }

    /// One matched flip, for `--samples`.
    struct Sample {
        var flip: Flip
        var device: String
        /// The event's `id`: its line in the gateway's delivery trace.
        var eventID: String
        /// Subscriber receive time minus `sentNs`: negative when the event overtook the
        /// benchmark reading its `ok` (the point changed before the reply was sent).
        var latencyNs: Int64
        var pipelineNs: Int64?
    }

    private let site: BenchSite
    /// One control connection per simulator process; device i is on `controls[i / devicesPerControl]`.
    private let controls: [ControlClient]
    private let devicesPerControl: Int
    private let subscriber: TestSubscriber
    private var rng: SplitMix64
    private var pressed: [Bool]
    private var pending: [Int: Flip] = [:]
    private var deviceIndex: [String: Int] = [:]
    private var cursor = 0

    private(set) var flips = 0
    /// Matched flips in the order their events arrived. A sample's pipeline is event `ts`
    /// (the poll that saw the change) → subscriber: the gateway's own path, ms resolution
    /// since `ts` is whole milliseconds.
    private(set) var samples: [Sample] = []
    /// Control command → `ok`, for every flip: bounds the error of the start time.
    private(set) var roundTripsNs: [UInt64] = []
    private(set) var lost: [Flip] = []
    private(set) var late = 0
    private(set) var unmatched = 0
    private(set) var offlineEvents = 0
    private(set) var onlineEvents = 0
    /// Untimed awaits that never came (a reset whose `cleared` did not arrive in time).
    private(set) var missedAwaits = 0
    /// Points whose events are load, not flips (scenario (b)'s lower-priority inputs).
    var ignoredPoints: Set<String> = []

    init(site: BenchSite, controls: [ControlClient], devicesPerControl: Int, subscriber: TestSubscriber, seed: UInt64) {
        self.site = site
        self.controls = controls
        self.devicesPerControl = devicesPerControl
        self.subscriber = subscriber
        rng = SplitMix64(seed: seed)
        pressed = Array(repeating: false, count: site.deviceIDs.count)
        for (index, id) in site.deviceIDs.enumerated() { deviceIndex[id] = index }
    }

    /// Ignores everything received so far (start-up states and events).
    func skipReceived() { cursor = subscriber.messages.count }

    var pendingCount: Int { pending.count }

    func randomGapNs(minMs: Int, maxMs: Int) -> UInt64 {
        UInt64(minMs) * 1_000_000 + rng.next() % (UInt64(maxMs - minMs) * 1_000_000 + 1)
    }

    /// Presses or releases the tamper input of one random device that has no flip in flight.
    func flip() throws(BenchError) {
        let count = site.deviceIDs.count
        guard pending.count < count else { return }
        var device = Int(rng.next() % UInt64(count))
        while pending[device] != nil { device = (device + 1) % count }
        let press = !pressed[device]
        try change(device, point: BenchSite.point, press: press, expect: press ? "active" : "cleared")
        pressed[device] = press
    }

    /// Presses `point` of `device` and times its `active` event (scenario (c): the button).
    func press(_ device: Int, point: String) throws(BenchError) {
        try change(device, point: point, press: true, expect: "active")
    }

    /// Releases `point` of `device`, expecting no event (a latched emergency stays active).
    func release(_ device: Int, point: String) throws(BenchError) {
        try change(device, point: point, press: false, expect: nil)
    }

    /// Waits, untimed, for `point` of `device` to be reported `state` (a reset's `cleared`).
    func expect(_ device: Int, point: String, state: String) {
        let now = WallClock.monotonicNanoseconds()
        pending[device] = Flip(device: device, point: point, state: state, measured: false, beforeNs: now, sentNs: now, sentWallNs: Self.wallNs())
    }

    /// Distinct random device indices, for a round of presses.
    func randomDevices(_ count: Int) -> [Int] {
        var chosen: [Int] = []
        var taken = Set<Int>()
        while chosen.count < min(count, site.deviceIDs.count) {
            let device = Int(rng.next() % UInt64(site.deviceIDs.count))
            if taken.insert(device).inserted { chosen.append(device) }
        }
        return chosen
    }

    private func change(_ device: Int, point: String, press: Bool, expect state: String?) throws(BenchError) {
        let beforeNs = WallClock.monotonicNanoseconds()
        try controls[device / devicesPerControl].send("\(press ? "press" : "release") \(site.deviceIDs[device]) \(point)")
        let sentNs = WallClock.monotonicNanoseconds()
        guard let state else { return }
        pending[device] = Flip(
            device: device, point: point, state: state, measured: true, beforeNs: beforeNs, sentNs: sentNs, sentWallNs: Self.wallNs()
        )
        roundTripsNs.append(sentNs - beforeNs)
        flips += 1
    }

    /// Matches the messages received since the last call; flips older than `lossTimeoutNs`
    /// count as lost.
    func collect(lossTimeoutNs: UInt64) {
        let messages = subscriber.messages
        while cursor < messages.count {
            match(messages[cursor])
            cursor += 1
        }
        let now = WallClock.monotonicNanoseconds()
        for (device, flip) in pending where now - flip.sentNs > lossTimeoutNs {
            if flip.measured { lost.append(flip) } else { missedAwaits += 1 }
            pending[device] = nil
        }
    }

    private func match(_ message: ReceivedMessage) {
        let prefix = BenchSite.topicPrefix + "/events/"
        guard message.topic.hasPrefix(prefix), let json = try? message.json() else { return }
        let kind = json["kind"] as? String
        if kind == "device.offline" { offlineEvents += 1; return }
        if kind == "device.online" { onlineEvents += 1; return }
        guard let id = json["device"] as? String, let device = deviceIndex[id], let point = json["point"] as? String,
              let state = json["state"] as? String
        else { unmatched += 1; return }
        guard let flip = pending[device], flip.point == point, flip.state == state else {
            if lost.contains(where: { $0.device == device && $0.point == point && $0.state == state }) {
                late += 1
            } else if !ignoredPoints.contains(point) {
                unmatched += 1
            }
            return
        }
        pending[device] = nil
        guard flip.measured else { return }
        let latency = Int64(bitPattern: message.receivedAt &- flip.sentNs)
        var pipeline: Int64?
        if let ts = (json["ts"] as? NSNumber)?.int64Value {
            pipeline = flip.sentWallNs + latency - ts * 1_000_000
        }
        samples.append(Sample(flip: flip, device: id, eventID: json["id"] as? String ?? "", latencyNs: latency, pipelineNs: pipeline))
    }

    /// One line per matched flip: when it was sent (ms into the window), the device, the
    /// state, the control round trip, the latency and the pipeline (ms).
    func samplesCSV(windowStartNs: UInt64) -> String {
        var lines = ["sent_ms,device,point,state,control_rtt_ms,latency_ms,pipeline_ms"]
        for sample in samples.sorted(by: { $0.flip.sentNs < $1.flip.sentNs }) {
            let sent = Double(Int64(bitPattern: sample.flip.sentNs &- windowStartNs)) / 1e6
            let rtt = Double(sample.flip.sentNs - sample.flip.beforeNs) / 1e6
            let pipeline = sample.pipelineNs.map { String(format: "%.3f", Double($0) / 1e6) } ?? ""
            lines.append(
                String(format: "%.3f,%@,%@,%@,%.3f,%.3f,", sent, sample.device, sample.flip.point, sample.flip.state, rtt, Double(sample.latencyNs) / 1e6)
                    + pipeline)
        }
        return lines.joined(separator: "\n") + "\n"
    }

    static func wallNs() -> Int64 {
        var ts = timespec()
        clock_gettime(CLOCK_REALTIME, &ts)
        return Int64(ts.tv_sec) * 1_000_000_000 + Int64(ts.tv_nsec)
    }
}
