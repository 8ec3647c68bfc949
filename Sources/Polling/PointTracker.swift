import GatewayCore
import SiteConfig

/// One point from poll to poll: debounce, then the alarm rules of GB 50394 — a latching
/// 24-hour emergency, intrusion only while armed, supervision of everything else — and
/// chattering inputs held after one report.
///
/// A value type driven by `DeviceTracker`; every mutating call returns what to publish.
struct PointTracker: Sendable {
    /// What a call asks the device tracker to publish or do.
    struct Effects: Sendable {
        /// (point event, state, detail, timestamp).
        var events: [(state: EventState, detail: String, timestampMs: Int64, kind: EventKind?)] = []
        var stateChanged = false
        /// A latched point read active: write its inactive level back.
        var clearLatch = false
        /// A counter went backwards: the device restarted.
        var counterWentBack: (from: PointValue, to: PointValue)?
    }

    static let foundAfterRestart = "found after restart"

    // Fields in this order to pack them: one tracker per point and device (100 000 on a
    // large site), so every padding byte counts.

    /// The spec's rules; the spec itself stays in the profile.
    let rules: PointRules
    /// The debounced value platforms last heard of; nil before the first read.
    private(set) var committed: PointValue?
    /// Whether platforms were told the alarm is active (latched ones stay so until reset).
    private(set) var alarm = false
    private(set) var chattering = false
    private var pending: PointValue?
    /// Emergency: since when the input is back to normal, for auto-reset.
    private var normalSinceNs: UInt64?
    private var pendingSinceNs: UInt64 = 0
    private var pendingSinceMs: Int64 = 0
    /// Times of recent committed changes, for chattering.
    private var changeTimesNs: [UInt64] = []

    init(spec: PointSpec) {
        rules = PointRules(spec)
    }

    var stored: StoredPoint? { committed.map { StoredPoint(value: $0, alarm: alarm) } }

    /// A new reading. `armed`: the point's zone is armed (only intrusion points care).
    /// `restored`: the state file's record, for the first read only.
    mutating func observe(
        _ value: PointValue, nowNs: UInt64, nowMs: Int64, armed: Bool, profile: DeviceProfile, restored: StoredPoint? = nil
    ) -> Effects {
        var effects = Effects()
        guard let committed else {
            firstRead(value, restored: restored, nowNs: nowNs, nowMs: nowMs, armed: armed, profile: profile, into: &effects)
            return effects
        }
        var changedAt: Int64?
        if value == committed {
            pending = nil
        } else {
            let debounceNs = rules.debounceNs
            if debounceNs > 0 {
                if pending != value {
                    pending = value
                    pendingSinceNs = nowNs
                    pendingSinceMs = nowMs
                }
                if nowNs &- pendingSinceNs >= debounceNs { changedAt = pendingSinceMs }
            } else {
                changedAt = nowMs
            }
        }
        if let changedAt {
            // The change happened when it was first seen, not when the debounce ended.
            self.committed = value
            pending = nil
            effects.stateChanged = true
            // A counter changes with every press by design: it never chatters.
            if rules.raisesEvents, !rules.isCounter { noteChange(nowNs: nowNs, nowMs: nowMs, profile: profile, into: &effects) }
            if rules.isCounter {
                countPresses(from: committed, to: value, nowNs: nowNs, timestampMs: changedAt, armed: armed, detail: "", into: &effects)
            }
        }
        if rules.raisesEvents { settle(nowNs: nowNs, nowMs: changedAt ?? nowMs, armed: armed, profile: profile, detail: "", into: &effects) }
        if rules.isLatched, self.committed?.isActive == true { effects.clearLatch = true }
        return effects
    }

    /// Clears a latched alarm (a reset command). Returns whether there was one.
    mutating func reset(detail: String, nowMs: Int64) -> Effects {
        var effects = Effects()
        guard rules.latchesAlarm, alarm else { return effects }
        alarm = false
        normalSinceNs = nil
        effects.stateChanged = true
        effects.events.append((.cleared, detail, nowMs, nil))
        return effects
    }

    /// Drops a change waiting out its debounce (the device went offline).
    mutating func forgetPending() { pending = nil }

    // MARK: - Rules

    private mutating func firstRead(
        _ value: PointValue, restored: StoredPoint?, nowNs: UInt64, nowMs: Int64, armed: Bool, profile: DeviceProfile, into effects: inout Effects
    ) {
        effects.stateChanged = true
        guard let restored, restored.value.isComparable(to: value) else {
            // No memory of it: take it as it is. An alarm already present is reported, because
            // the platform has never heard of it; a counter starts counting from here.
            committed = value
            if rules.isBinary, rules.raisesEvents {
                settle(nowNs: nowNs, nowMs: nowMs, armed: armed, profile: profile, detail: "", into: &effects)
            }
            if rules.isLatched, value.isActive { effects.clearLatch = true }
            return
        }
        // What platforms heard before the restart is the baseline: only a difference is news.
        committed = value
        alarm = restored.alarm
        if rules.isCounter {
            countPresses(from: restored.value, to: value, nowNs: nowNs, timestampMs: nowMs, armed: armed, detail: Self.foundAfterRestart, into: &effects)
        } else if rules.raisesEvents {
            settle(nowNs: nowNs, nowMs: nowMs, armed: armed, profile: profile, detail: Self.foundAfterRestart, into: &effects)
        }
        if rules.isLatched, value.isActive { effects.clearLatch = true }
    }

    /// Brings `alarm` in line with the input and the zone, reporting each change.
    private mutating func settle(
        nowNs: UInt64, nowMs: Int64, armed: Bool, profile: DeviceProfile, detail: String, into effects: inout Effects
    ) {
        guard rules.isBinary, let committed else {
            autoReset(nowNs: nowNs, nowMs: nowMs, profile: profile, into: &effects)
            return
        }
        let input = committed.isActive
        if rules.latchesAlarm {
            if input {
                normalSinceNs = nil
                if !alarm { raise(.active, detail, nowMs, &effects) }
            } else if alarm {
                if normalSinceNs == nil { normalSinceNs = nowNs }
                autoReset(nowNs: nowNs, nowMs: nowMs, profile: profile, into: &effects)
            }
            return
        }
        releaseChattering(nowNs: nowNs, nowMs: nowMs, profile: profile, into: &effects)
        if chattering { return }
        if rules.needsArming && !armed {
            if alarm { raise(.cleared, detail.isEmpty ? "zone disarmed" : detail, nowMs, &effects) }
            return
        }
        if input != alarm { raise(input ? .active : .cleared, detail, nowMs, &effects) }
    }

    private mutating func raise(_ state: EventState, _ detail: String, _ nowMs: Int64, _ effects: inout Effects) {
        alarm = state == .active
        effects.stateChanged = true
        effects.events.append((state, detail, nowMs, nil))
    }

    /// Each increment of a counter is a press: one event per poll that saw any, saying how
    /// many. A counter that goes back means the device restarted: a new baseline, no press.
    private mutating func countPresses(
        from old: PointValue, to new: PointValue, nowNs: UInt64, timestampMs: Int64, armed: Bool, detail: String,
        into effects: inout Effects
    ) {
        guard case .int(let before) = old, case .int(let after) = new else { return }
        if after < before {
            effects.counterWentBack = (old, new)
            return
        }
        guard after > before, !(rules.needsArming && !armed) else { return }
        let presses = after - before
        let text = [presses > 1 ? "\(presses) presses" : "", detail].filter { !$0.isEmpty }.joined(separator: "; ")
        effects.stateChanged = true
        effects.events.append((.active, text, timestampMs, nil))
        if rules.latchesAlarm {
            alarm = true
            // A counter has no level to return to normal: auto-reset counts from the press.
            normalSinceNs = nowNs
        }
    }

    private mutating func autoReset(nowNs: UInt64, nowMs: Int64, profile: DeviceProfile, into effects: inout Effects) {
        guard rules.latchesAlarm, alarm, let since = normalSinceNs, let after = profile.autoReset else { return }
        if nowNs &- since >= after.nanoseconds {
            alarm = false
            normalSinceNs = nil
            effects.stateChanged = true
            effects.events.append((.cleared, "auto-reset after \(after.milliseconds / 1000) s", nowMs, nil))
        }
    }

    /// Counts a committed change; more than `changes` within `within` starts a hold.
    private mutating func noteChange(nowNs: UInt64, nowMs: Int64, profile: DeviceProfile, into effects: inout Effects) {
        let window = profile.chattering.within.nanoseconds
        changeTimesNs.removeAll { nowNs &- $0 > window }
        changeTimesNs.append(nowNs)
        guard !chattering, !rules.latchesAlarm, changeTimesNs.count > profile.chattering.changes else { return }
        chattering = true
        effects.stateChanged = true
        effects.events.append((.active, "\(changeTimesNs.count) changes within \(profile.chattering.within.milliseconds / 1000) s; held until it settles", nowMs, .chattering))
    }

    /// A held input is let go once it has not changed for a whole window.
    private mutating func releaseChattering(nowNs: UInt64, nowMs: Int64, profile: DeviceProfile, into effects: inout Effects) {
        guard chattering, let last = changeTimesNs.last, nowNs &- last >= profile.chattering.within.nanoseconds else { return }
        chattering = false
        changeTimesNs.removeAll()
        effects.stateChanged = true
        effects.events.append((.cleared, "settled", nowMs, .chattering))
    }
}
