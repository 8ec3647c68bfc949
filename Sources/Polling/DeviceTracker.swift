import GatewayCore
import SiteConfig

/// Follows one device from poll to poll and says what changed: its points' alarms (see
/// `PointTracker`), Modbus exceptions, a restart, and the device going offline or coming back.
///
/// A plain value with mutating functions that return what the caller must publish or do,
/// so the rules are tested without threads or sockets.
public struct DeviceTracker: Sendable {
    /// What one poll outcome means for the platforms and the line.
    public struct Outcome: Sendable {
        public var events: [Event] = []
        /// The device's published state changed (values, active alarms, online).
        public var stateChanged = false
        /// Latched points read active: the line writes their inactive level back.
        public var latchesToClear: [Int] = []
        /// An alarm was raised or cleared: worth saving the state at once.
        public var alarmChanged = false
    }

    public let device: DeviceConfig
    public let siteID: String
    private var points: [PointTracker]
    /// The state file's records by point index, until each point's first read.
    private var restored: [Int: StoredPoint]
    public private(set) var online = false
    /// Whether `device.offline` has been reported (so `device.online` follows once).
    private var reportedOffline = false
    /// Whether `device.exception` is active.
    private var reportedException = false
    public private(set) var failedPolls = 0
    /// True from the `device.offline` report until the device answers again.
    public var isOffline: Bool { reportedOffline }
    public private(set) var lastPollMs: Int64 = 0
    public private(set) var lastError = ""

    /// Set while the offline report is one made before a restart: the return is then
    /// reported as found after restart.
    private var offlineBeforeRestart = false

    /// The key of the device's own record (online, offline reported) among its points'
    /// records; point ids are never empty.
    static let deviceRecord = ""

    public init(device: DeviceConfig, siteID: String, restored: [String: StoredPoint] = [:]) {
        self.device = device
        self.siteID = siteID
        self.points = device.profile.points.map { PointTracker(spec: $0) }
        var byIndex: [Int: StoredPoint] = [:]
        for (i, spec) in device.profile.points.enumerated() { if let stored = restored[spec.id] { byIndex[i] = stored } }
        self.restored = byIndex
        if restored[Self.deviceRecord]?.alarm == true {
            // Reported offline before the restart: not again while it stays silent.
            reportedOffline = true
            offlineBeforeRestart = true
        }
    }

    /// A successful poll of every point: `values[i]` is the decoded value of profile point `i`.
    /// `nowNs` is monotonic (debounce, and the events' `observedAt`), `nowMs` wall-clock UTC
    /// (event time).
    public mutating func pollSucceeded(values: [PointValue], nowNs: UInt64, nowMs: Int64, armed: Bool = true) -> Outcome {
        pollSucceeded(values: values, points: values.indices, nowNs: nowNs, nowMs: nowMs, armed: armed)
    }

    /// A successful poll of the points at `indices` (one poll group); other entries of
    /// `values` are ignored. `armed`: the device's zone is armed.
    public mutating func pollSucceeded(
        values: [PointValue], points indices: some Sequence<Int>, nowNs: UInt64, nowMs: Int64, armed: Bool
    ) -> Outcome {
        var outcome = Outcome()
        failedPolls = 0
        lastPollMs = nowMs
        lastError = ""
        if !online {
            online = true
            outcome.stateChanged = true
            if reportedOffline {
                reportedOffline = false
                outcome.alarmChanged = true
                let detail = offlineBeforeRestart ? PointTracker.foundAfterRestart : ""
                outcome.events.append(deviceEvent(kind: .deviceOnline, state: .cleared, nowMs: nowMs, detail: detail, cid: "381"))
            }
            offlineBeforeRestart = false
        }
        if reportedException {
            reportedException = false
            outcome.stateChanged = true
            outcome.events.append(deviceEvent(kind: .deviceException, state: .cleared, nowMs: nowMs, detail: "", cid: ""))
        }
        // Once, not per point: each access of `device.profile` from a mutating method may
        // retain and release every reference the profile holds.
        let profile = device.profile
        for i in indices {
            let first = points[i].committed == nil && !restored.isEmpty ? restored.removeValue(forKey: i) : nil
            let effects = points[i].observe(values[i], nowNs: nowNs, nowMs: nowMs, armed: armed, profile: profile, restored: first)
            apply(effects, point: i, into: &outcome)
            if let back = effects.counterWentBack {
                let spec = profile.points[i]
                outcome.events.append(deviceEvent(
                    kind: .deviceRestarted, state: .active, nowMs: nowMs,
                    detail: "counter \(spec.id) went back from \(back.from) to \(back.to)", cid: "", severity: .info
                ))
            }
        }
        // Every record applied: its storage goes, not only its entries.
        if restored.isEmpty, restored.capacity > 0 { restored = [:] }
        // The poll that showed these changes: where the gateway's own share of their latency starts.
        for e in outcome.events.indices { outcome.events[e].observedAt = MonotonicStamp(nanoseconds: nowNs) }
        return outcome
    }

    /// A failed poll. Timeouts, garbled answers and lost connections count toward
    /// `device.offline`; a Modbus exception is an answer, reported as `device.exception`.
    public mutating func pollFailed(reason: String, fault: FaultKind = .timeout, nowMs: Int64) -> Outcome {
        var outcome = Outcome()
        if !fault.countsTowardOffline {
            if !reportedException {
                reportedException = true
                outcome.stateChanged = true
                outcome.events.append(deviceEvent(kind: .deviceException, state: .active, nowMs: nowMs, detail: reason, cid: "380"))
            }
            return outcome
        }
        failedPolls += 1
        let reasonChanged = lastError != reason
        lastError = reason
        // Before the first report the device counts as unknown, so a dead device at start
        // is reported offline after the same number of failed polls as a live one.
        if failedPolls >= device.offlineAfter && !reportedOffline {
            reportedOffline = true
            online = false
            outcome.stateChanged = true
            outcome.alarmChanged = true
            outcome.events.append(deviceEvent(kind: .deviceOffline, state: .active, nowMs: nowMs, detail: reason, cid: "381"))
            for i in points.indices { points[i].forgetPending() }
        } else if reportedOffline && reasonChanged {
            outcome.stateChanged = true
        }
        return outcome
    }

    /// Clears every latched emergency (a reset command), each as its own `cleared` event.
    public mutating func resetLatches(origin: String, nowMs: Int64) -> Outcome {
        var outcome = Outcome()
        for i in points.indices {
            apply(points[i].reset(detail: "reset by \(origin)", nowMs: nowMs), point: i, into: &outcome)
        }
        return outcome
    }

    /// Whether any latched alarm is active.
    public var hasLatchedAlarm: Bool { points.contains { $0.rules.latchesAlarm && $0.alarm } }

    /// The point's last committed value, if read.
    public func value(of index: Int) -> PointValue? { points[index].committed }

    /// What the state file should remember, by point id.
    public var storedPoints: [String: StoredPoint] {
        var result: [String: StoredPoint] = [:]
        let specs = device.profile.points
        for i in points.indices { if let stored = points[i].stored { result[specs[i].id] = stored } }
        result[Self.deviceRecord] = StoredPoint(value: .bool(online), alarm: reportedOffline)
        return result
    }

    /// The device's state as platforms see it.
    public func snapshot() -> DeviceSnapshot {
        var values: [(id: String, value: PointValue)] = []
        values.reserveCapacity(points.count)
        var active: [String] = []
        let specs = device.profile.points
        for i in points.indices {
            guard let v = points[i].committed else { continue }
            values.append((specs[i].id, v))
            if points[i].alarm { active.append(specs[i].id) }
        }
        return DeviceSnapshot(
            device: device.id, profile: device.profile.name, location: device.location, online: online,
            lastPoll: lastPollMs, points: values, activePoints: active, error: online ? "" : lastError
        )
    }

    private func apply(_ effects: PointTracker.Effects, point index: Int, into outcome: inout Outcome) {
        if effects.stateChanged { outcome.stateChanged = true }
        if effects.clearLatch { outcome.latchesToClear.append(index) }
        for e in effects.events {
            outcome.alarmChanged = true
            outcome.events.append(pointEvent(index, state: e.state, detail: e.detail, timestampMs: e.timestampMs, kind: e.kind))
        }
    }

    private func pointEvent(_ index: Int, state: EventState, detail: String, timestampMs: Int64, kind: EventKind?) -> Event {
        let spec = device.profile.points[index]
        let own = kind == nil
        var event = Event(
            site: siteID, device: device.id, point: spec.id, kind: kind ?? spec.event ?? "point.changed",
            state: state, severity: own ? spec.severity : .minor, timestamp: timestampMs,
            location: device.location, cameras: device.cameras, contactID: own ? spec.contactID ?? "" : "",
            value: points[index].committed, detail: detail
        )
        event.afterRestart = detail.hasSuffix(PointTracker.foundAfterRestart)
        return event
    }

    private func deviceEvent(
        kind: EventKind, state: EventState, nowMs: Int64, detail: String, cid: String, severity: Severity = .major
    ) -> Event {
        var event = Event(
            site: siteID, device: device.id, kind: kind, state: state, severity: severity, timestamp: nowMs,
            location: device.location, cameras: device.cameras, contactID: cid, detail: detail
        )
        event.afterRestart = detail == PointTracker.foundAfterRestart
        return event
    }
}
