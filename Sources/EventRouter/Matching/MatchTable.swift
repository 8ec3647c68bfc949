import GatewayCore
import SiteConfig

/// A list of `EventMatch` rules (routes, linkage rules) compiled into bit sets, so finding
/// every rule an event matches is a few word ANDs instead of a walk over the rules.
///
/// Each condition is answered ahead of time, per value it can take: one row of bits (bit
/// `r` = rule `r` accepts it) per known kind, per severity, per state, per device (device
/// ids, tags and locations are all properties of the device, so they fold into one row),
/// and one row for the schedules active now. An event's rules are the AND of its five
/// rows. All rows live in one flat array, so matching touches a handful of adjacent words
/// and never allocates. With `W = ⌈rules / 64⌉` words per row, matching costs `5 W` loads
/// plus one step per matching rule: one word covers 64 rules, four cover 256.
struct MatchTable: Sendable {
    let ruleCount: Int
    let words: Int
    private var rows: [UInt64]
    private let severityBase: Int
    private let stateBase: Int
    private let scheduleBase: Int
    private let deviceBase: Int
    /// Kind rows come last so a kind first seen at run time appends its row.
    private let kindBase: Int
    private let patterns: [[String]]
    /// Index into the schedule list of each rule's schedule, or nil.
    let schedules: [Int?]

    /// `scheduleIndex` maps a schedule name to its index (names were validated).
    init(_ rules: [EventMatch], directory: RoutingDirectory, scheduleIndex: (String) -> Int?) {
        ruleCount = rules.count
        words = max(1, (rules.count + 63) / 64)
        patterns = rules.map(\.kinds)
        schedules = rules.map { $0.schedule.flatMap(scheduleIndex) }
        severityBase = 0
        stateBase = severityBase + 4 * words
        scheduleBase = stateBase + 2 * words
        deviceBase = scheduleBase + words
        kindBase = deviceBase + directory.deviceRows * words
        rows = Array(repeating: 0, count: kindBase)

        for (r, rule) in rules.enumerated() {
            for severity in Severity.allCases where severity >= rule.minSeverity {
                set(severityBase + severity.lane * words, r)
            }
            for (s, state) in [EventState.active, .cleared].enumerated() where rule.states.isEmpty || rule.states.contains(state) {
                set(stateBase + s * words, r)
            }
            if rule.schedule == nil { set(scheduleBase, r) }
            for d in 0..<directory.deviceRows where Self.accepts(rule, device: d, directory) {
                set(deviceBase + d * words, r)
            }
        }
        for kind in directory.kinds { addKindRow(kind) }
    }

    private static func accepts(_ rule: EventMatch, device d: Int, _ directory: RoutingDirectory) -> Bool {
        guard d < directory.devices.count else {
            // A device the site does not know only meets rules that ask nothing of devices.
            return rule.devices.isEmpty && rule.tags.isEmpty && rule.locations.isEmpty
        }
        let device = directory.devices[d]
        if !rule.devices.isEmpty && !rule.devices.contains(device.id) { return false }
        if !rule.tags.isEmpty && !rule.tags.contains(where: device.tags.contains) { return false }
        if !rule.locations.isEmpty && !rule.locations.contains(device.location) { return false }
        return true
    }

    private mutating func set(_ base: Int, _ rule: Int) {
        rows[base + rule >> 6] |= 1 << UInt64(rule & 63)
    }

    /// Appends the row of the directory's next kind. Call once per kind, in index order.
    mutating func addKindRow(_ kind: String) {
        let base = rows.count
        rows.append(contentsOf: repeatElement(0, count: words))
        for (r, patterns) in patterns.enumerated() where patterns.contains(where: { EventMatch.pattern($0, matches: kind) }) {
            set(base, r)
        }
    }

    var kindRows: Int { (rows.count - kindBase) / words }

    /// Sets which scheduled rules are in force: `active[i]` says whether schedule `i` is
    /// active now. Runs when a schedule boundary passes, never per event.
    mutating func updateSchedules(_ active: [Bool]) {
        for w in 0..<words { rows[scheduleBase + w] = 0 }
        for (r, schedule) in schedules.enumerated() where schedule.map({ $0 >= 0 && $0 < active.count && active[$0] }) ?? true {
            set(scheduleBase, r)
        }
    }

    /// Calls `body` with each matching rule's index, ascending.
    @inline(__always)
    func forEachMatch(kind: Int, lane: Int, state: EventState, device: Int, _ body: (Int) -> Void) {
        let words = words
        let k = kindBase + kind * words, s = severityBase + lane * words
        let t = stateBase + (state == .active ? 0 : words), d = deviceBase + device * words
        let h = scheduleBase
        rows.withUnsafeBufferPointer { rows in
            for w in 0..<words {
                var bits = rows[k + w] & rows[s + w] & rows[t + w] & rows[d + w] & rows[h + w]
                while bits != 0 {
                    body(w << 6 | bits.trailingZeroBitCount)
                    bits &= bits &- 1
                }
            }
        }
    }

    /// Whether any rule matches (no work per matching rule).
    @inline(__always)
    func anyMatch(kind: Int, lane: Int, state: EventState, device: Int) -> Bool {
        var found = false
        forEachMatch(kind: kind, lane: lane, state: state, device: device) { _ in found = true }
        return found
    }
}
