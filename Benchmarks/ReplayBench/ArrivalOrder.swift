import Foundation
import GatewayTesting

/// What the subscriber received of the flood: losses, duplicates, and the order in which
/// the priorities left. Order is judged on first arrivals (a duplicate is a re-send).
struct ArrivalOrder {
    /// Event messages of the flood, duplicates included.
    var messages = 0
    /// Distinct events of the flood (by `seq`).
    var distinct = 0
    var duplicates: Int { messages - distinct }
    var lost = 0
    /// First arrivals per priority (index 0 = priority 1).
    var perPriority = [0, 0, 0, 0]
    /// Position among first arrivals (0-based) of the last emergency and the first status
    /// event; every emergency left first when the first is the larger.
    var lastEmergencyIndex: Int?
    var firstStatusIndex: Int?
    /// First arrivals more urgent than an event that arrived before them.
    var inversions = 0
    /// First arrivals of one priority whose seq is lower than the previous one's.
    var seqRegressions = 0
    var notMarkedReplayed = 0
    var malformed = 0
    /// Monotonic receive times (ns) of the first flood message, the last first arrival, and
    /// the last emergency's first arrival.
    var firstArrival: UInt64?
    var lastArrival: UInt64?
    var lastEmergencyArrival: UInt64?

    var emergenciesFirst: Bool {
        guard let last = lastEmergencyIndex, let first = firstStatusIndex else { return true }
        return last < first
    }

    /// `events`: how many the flood had. Its events are those of its devices (r001…).
    init(_ received: [ReceivedMessage], events: Int) {
        // Flood devices are r001…r200; the gateway's own events (other devices) are not counted.
        let topic = ReplaySite.eventsTopicPrefix + "r"
        var seen = Set<UInt64>()
        seen.reserveCapacity(events)
        var leastUrgentSoFar = 0
        var lastSeq = [UInt64](repeating: 0, count: 4)
        for message in received where message.topic.hasPrefix(topic) {
            guard let event = try? message.json(), let seq = (event["seq"] as? NSNumber)?.uint64Value,
                  let priority = event["priority"] as? Int, (1...4).contains(priority)
            else {
                malformed += 1
                continue
            }
            messages += 1
            if firstArrival == nil { firstArrival = message.receivedAt }
            guard seen.insert(seq).inserted else { continue }
            let index = distinct
            distinct += 1
            lastArrival = message.receivedAt
            perPriority[priority - 1] += 1
            if event["replayed"] as? Bool != true { notMarkedReplayed += 1 }
            if priority < leastUrgentSoFar { inversions += 1 }
            leastUrgentSoFar = max(leastUrgentSoFar, priority)
            if seq < lastSeq[priority - 1] { seqRegressions += 1 }
            lastSeq[priority - 1] = seq
            if priority == 1 {
                lastEmergencyIndex = index
                lastEmergencyArrival = message.receivedAt
            }
            if priority == 4, firstStatusIndex == nil { firstStatusIndex = index }
        }
        lost = events - distinct
    }
}
