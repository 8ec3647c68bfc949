import GatewayCore
import SiteConfig

/// Follows one device from poll to poll and says what changed: debounced point edges,
/// and the device going offline or coming back.
///
/// A plain value with mutating functions that return what the caller must publish, so
/// the rules are tested without threads or sockets.
public struct DeviceTracker: Sendable {
    /// What one poll outcome means for the platforms.
    public struct Outcome: Sendable {
        public var events: [Event] = []
        /// The device's published state changed (values, active alarms, online).
        public var stateChanged = false
    }

    struct PointState: Sendable {
        /// The value platforms last heard of; nil before the first read.
        var committed: PointValue?
        /// A different value waiting out its debounce, and when it was first seen.
        var pending: PointValue?
        var pendingSinceNs: UInt64 = 0
        var pendingSinceMs: Int64 = 0
    }

    public let device: DeviceConfig
    public let siteID: String
    private var points: [PointState]
    public private(set) var online = false
    /// Whether `device.offline` has been reported (so `device.online` follows once).
    private var reportedOffline = false
    public private(set) var failedPolls = 0
    /// True from the `device.offline` report until the device answers again.
    public var isOffline: Bool { reportedOffline }
    public private(set) var lastPollMs: Int64 = 0
    public private(set) var lastError = ""

    public init(device: DeviceConfig, siteID: String) {
        self.device = device
        self.siteID = siteID
        self.points = Array(repeating: PointState(), count: device.profile.points.count)
    }

    /// A successful poll: `values[i]` is the decoded value of profile point `i`.
    /// `nowNs` is monotonic (debounce), `nowMs` wall-clock UTC (event time).
    public mutating func pollSucceeded(values: [PointValue], nowNs: UInt64, nowMs: Int64) -> Outcome {
        var outcome = Outcome()
        failedPolls = 0
        lastPollMs = nowMs
        lastError = ""
        if !online {
            online = true
            outcome.stateChanged = true
            if reportedOffline {
                reportedOffline = false
                outcome.events.append(deviceEvent(kind: .deviceOnline, state: .cleared, nowMs: nowMs, detail: ""))
            }
        }
        let specs = device.profile.points
        for i in specs.indices {
            let value = values[i]
            var state = points[i]
            defer { points[i] = state }
            guard let committed = state.committed else {
                // First reading: take it as it is. An alarm already present is reported,
                // because the platform has never heard of it.
                state.committed = value
                outcome.stateChanged = true
                if specs[i].isBinary, specs[i].event != nil, value.isActive {
                    outcome.events.append(pointEvent(i, value: value, timestampMs: nowMs))
                }
                continue
            }
            if value == committed {
                state.pending = nil
                continue
            }
            let debounceNs = specs[i].debounce.nanoseconds
            if debounceNs > 0 {
                if state.pending != value {
                    state.pending = value
                    state.pendingSinceNs = nowNs
                    state.pendingSinceMs = nowMs
                }
                guard nowNs &- state.pendingSinceNs >= debounceNs else { continue }
            } else {
                state.pendingSinceMs = nowMs
            }
            state.committed = value
            state.pending = nil
            outcome.stateChanged = true
            if specs[i].isBinary, specs[i].event != nil, value.isActive != committed.isActive {
                // The change happened when it was first seen, not when the debounce ended.
                outcome.events.append(pointEvent(i, value: value, timestampMs: state.pendingSinceMs))
            }
        }
        return outcome
    }

    /// A failed poll (timeout, refused connection, exception).
    public mutating func pollFailed(reason: String, nowMs: Int64) -> Outcome {
        var outcome = Outcome()
        failedPolls += 1
        let reasonChanged = lastError != reason
        lastError = reason
        // Before the first report the device counts as unknown, so a dead device at start
        // is reported offline after the same number of failed polls as a live one.
        if failedPolls >= device.offlineAfter && !reportedOffline {
            reportedOffline = true
            online = false
            outcome.stateChanged = true
            outcome.events.append(deviceEvent(kind: .deviceOffline, state: .active, nowMs: nowMs, detail: reason))
            for i in points.indices { points[i].pending = nil }
        } else if reportedOffline && reasonChanged {
            outcome.stateChanged = true
        }
        return outcome
    }

    /// The device's state as platforms see it.
    public func snapshot() -> DeviceSnapshot {
        let specs = device.profile.points
        var values: [(id: String, value: PointValue)] = []
        values.reserveCapacity(specs.count)
        var active: [String] = []
        for i in specs.indices {
            guard let v = points[i].committed else { continue }
            values.append((specs[i].id, v))
            if specs[i].isBinary, specs[i].event != nil, v.isActive { active.append(specs[i].id) }
        }
        return DeviceSnapshot(
            device: device.id, profile: device.profile.name, location: device.location, online: online,
            lastPoll: lastPollMs, points: values, activePoints: active, error: online ? "" : lastError
        )
    }

    private func pointEvent(_ index: Int, value: PointValue, timestampMs: Int64) -> Event {
        let spec = device.profile.points[index]
        return Event(
            site: siteID, device: device.id, point: spec.id, kind: spec.event ?? "point.changed",
            state: value.isActive ? .active : .cleared, severity: spec.severity, timestamp: timestampMs,
            location: device.location, cameras: device.cameras, contactID: spec.contactID ?? "", value: value
        )
    }

    private func deviceEvent(kind: EventKind, state: EventState, nowMs: Int64, detail: String) -> Event {
        Event(
            site: siteID, device: device.id, kind: kind, state: state, severity: .major, timestamp: nowMs,
            location: device.location, cameras: device.cameras, contactID: "381", detail: detail
        )
    }
}
