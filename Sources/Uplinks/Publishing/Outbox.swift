import GatewayCore

/// What an uplink has handed to the broker and not yet seen acknowledged, and the device
/// states waiting to be published. Not thread-safe: the `Uplink` guards it with its lock.
/// Events waiting to be sent live in the uplink's `LaneQueue`, not here.
struct Outbox {
    /// One message in flight, by MQTT message id.
    enum Delivery {
        /// `order` is the send order, so events can go back to their lanes as they left.
        case event(OutgoingEvent, lane: Int, order: UInt64, sentAt: UInt64)
        case state(device: String)
        /// Birth or shutdown status: never re-sent (the next connect publishes a new birth).
        case status
        /// A command result: sent again after a reconnect, so each command gets its result.
        case result([UInt8])
    }

    private(set) var inFlight: [Int32: Delivery] = [:]
    private(set) var inFlightEvents = 0
    private var sendOrder: UInt64 = 0

    /// Newest snapshot per device not yet published, and the devices in arrival order.
    private var pendingStates: [String: DeviceSnapshot] = [:]
    /// (a site has tens to hundreds of devices: an array is enough).
    private var pendingOrder: [String] = []
    /// Last snapshot handed to the broker per device: the reference for "unchanged", and
    /// what is published again after a reconnect.
    private var lastSent: [String: DeviceSnapshot] = [:]

    var inFlightCount: Int { inFlight.count }
    var pendingStateCount: Int { pendingStates.count }

    // MARK: states

    /// Keeps `snapshot` as the device's pending state unless it shows nothing new. Returns
    /// true when there is now something to publish.
    mutating func offer(_ snapshot: DeviceSnapshot) -> Bool {
        let device = snapshot.device
        if let pending = pendingStates[device] {
            if let sent = lastSent[device], sent.sameState(as: snapshot) {
                // Back to what platforms already have: the pending change is moot.
                pendingStates[device] = nil
                pendingOrder.removeAll { $0 == device }
                return false
            }
            // Coalesce: only the newest snapshot per device waits.
            pendingStates[device] = snapshot
            return !pending.sameState(as: snapshot)
        }
        if let sent = lastSent[device], sent.sameState(as: snapshot) { return false }
        pendingStates[device] = snapshot
        pendingOrder.append(device)
        return true
    }

    /// The oldest pending state; it counts as sent from now on.
    mutating func takeState() -> DeviceSnapshot? {
        while !pendingOrder.isEmpty {
            let device = pendingOrder.removeFirst()
            if let snapshot = pendingStates.removeValue(forKey: device) {
                lastSent[device] = snapshot
                return snapshot
            }
        }
        return nil
    }

    /// After a reconnect: every known state is published again, since a broker without
    /// persistence may have lost its retained copy. A newer pending one wins.
    mutating func republishAllStates() {
        for (device, snapshot) in lastSent.sorted(by: { $0.key < $1.key }) where pendingStates[device] == nil {
            pendingStates[device] = snapshot
            pendingOrder.append(device)
        }
    }

    // MARK: in flight

    mutating func sentEvent(_ event: OutgoingEvent, lane: Int, messageID: Int32, at now: UInt64) {
        sendOrder += 1
        inFlight[messageID] = .event(event, lane: lane, order: sendOrder, sentAt: now)
        inFlightEvents += 1
    }

    mutating func sentState(device: String, messageID: Int32) {
        inFlight[messageID] = .state(device: device)
    }

    mutating func sentStatus(messageID: Int32) {
        inFlight[messageID] = .status
    }

    mutating func sentResult(_ payload: [UInt8], messageID: Int32) {
        inFlight[messageID] = .result(payload)
    }

    /// Results still unacknowledged, to publish again; call before `connectionLost`.
    mutating func takeLostResults() -> [[UInt8]] {
        var results: [(Int32, [UInt8])] = []
        for (mid, delivery) in inFlight { if case .result(let payload) = delivery { results.append((mid, payload)) } }
        for (mid, _) in results { inFlight[mid] = nil }
        return results.sorted { $0.0 < $1.0 }.map(\.1)
    }

    /// The broker acknowledged `messageID`; returns what it was, nil when unknown (an
    /// acknowledgement of a copy libmosquitto re-sent from an earlier connection).
    mutating func acknowledge(_ messageID: Int32) -> Delivery? {
        guard let delivery = inFlight.removeValue(forKey: messageID) else { return nil }
        if case .event = delivery { inFlightEvents -= 1 }
        return delivery
    }

    func isInFlight(_ messageID: Int32) -> Bool { inFlight[messageID] != nil }

    /// The link dropped: forget every in-flight message and return the events among them in
    /// the order they were sent, to go back to the front of their lanes. States are sent again
    /// by `republishAllStates` on reconnect; statuses are not re-sent. The events are marked
    /// replayed: they go out again later.
    mutating func connectionLost() -> [(element: OutgoingEvent, lane: Int)] {
        var events: [(order: UInt64, event: OutgoingEvent, lane: Int)] = []
        events.reserveCapacity(inFlightEvents)
        for delivery in inFlight.values {
            if case .event(var event, let lane, let order, _) = delivery {
                event.replayed = true
                events.append((order, event, lane))
            }
        }
        inFlight.removeAll(keepingCapacity: true)
        inFlightEvents = 0
        return events.sorted { $0.order < $1.order }.map { (element: $0.event, lane: $0.lane) }
    }
}
