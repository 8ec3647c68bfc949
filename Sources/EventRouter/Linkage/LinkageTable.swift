import GatewayCore
import SiteConfig

/// Linkage rules compiled like routes, with each rule's cool-down state. Finding the rules
/// an event triggers is the same bit-set lookup as routing, so events that trigger nothing
/// (nearly all) cost a few word ANDs.
struct LinkageTable: Sendable {
    let rules: [LinkageRule]
    private(set) var table: MatchTable
    private let cooldowns: [UInt64]
    /// Monotonic time each rule last fired; nil if never.
    private var lastFired: [UInt64?]

    init(_ rules: [LinkageRule], directory: RoutingDirectory, scheduleIndex: (String) -> Int?) {
        self.rules = rules
        table = MatchTable(rules.map(\.when), directory: directory, scheduleIndex: scheduleIndex)
        cooldowns = rules.map(\.cooldown.nanoseconds)
        lastFired = rules.map { _ in nil }
    }

    var isEmpty: Bool { rules.isEmpty }

    mutating func addKind(_ kind: String) { table.addKindRow(kind) }
    mutating func updateSchedules(_ active: [Bool]) { table.updateSchedules(active) }

    /// Rules this event triggers now, split into those that fire and those still cooling
    /// down. Marks the fired ones.
    mutating func trigger(kind: Int, lane: Int, state: EventState, device: Int, now: UInt64) -> (fired: [Int], cooling: Int) {
        var fired: [Int] = []
        var cooling = 0
        table.forEachMatch(kind: kind, lane: lane, state: state, device: device) { rule in
            // `now` before `last` (an event that waited in a lane) is inside the cool-down.
            if let last = lastFired[rule], cooldowns[rule] > 0, now <= last || now - last < cooldowns[rule] {
                cooling += 1
            } else {
                fired.append(rule)
            }
        }
        for rule in fired { lastFired[rule] = now }
        return (fired, cooling)
    }
}
