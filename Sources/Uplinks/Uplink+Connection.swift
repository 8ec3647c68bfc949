import GatewayCore
import Logging

/// What has been logged about the link, so a loss and a recovery are each logged once,
/// never once per retry.
struct LinkReport {
    enum Shown { case nothing, up, down }
    var shown = Shown.nothing
    var lostAt: UInt64 = 0
    var lastRefusal = ""
    /// The reason last logged for failing to connect: a different reason is logged again
    /// (a technician needs the real one, e.g. a certificate error after a first timeout),
    /// the same one is not, however often the retry fails.
    var lastConnectFailure = ""
}

extension Uplink {
    /// The client's network thread calls this. It takes `lock` only briefly and logs after
    /// releasing it.
    func handle(_ event: MQTTClientEvent) {
        switch event {
        case .connected(let code, let reason):
            code == 0 ? didConnect() : didRefuse(code: code, reason: reason)
        case .disconnected(let code, let reason):
            didDisconnect(code: code, reason: reason)
        case .published(let messageID):
            didAcknowledge(messageID)
        case .refused(let messageID, let reason):
            didRefusePublish(messageID, reason: reason)
        case .message(let message) where message.topic == topics.commands:
            receiveCommand(message.payload)
        case .subscribed, .message:
            break
        }
    }

    private func didConnect() {
        let newPath = lock.withLock { client }?.path ?? .primary
        let (shown, lostAt, oldPath) = lock.withLock {
            let oldPath = path
            path = newPath
            connected = true
            epoch += 1
            attention = true
            lastError = ""
            defer {
                link.shown = .up
                link.lastRefusal = ""
                link.lastConnectFailure = ""
            }
            return (link.shown, link.lostAt, oldPath)
        }
        lock.broadcast()
        // A clean session forgets subscriptions: subscribe again on every connect.
        if let client = lock.withLock({ client }) {
            do {
                try client.subscribe(filter: topics.commands, qos: .atLeastOnce)
            } catch {
                logger.error("cannot subscribe to commands", metadata: ["error": "\(error)"])
            }
        }
        if oldPath != newPath {
            logger.warning("uplink switched broker path", metadata: ["uplink.path": .string(newPath.rawValue)])
        }
        if shown == .down, lostAt > 0 {
            let seconds = Double(WallClock.monotonicNanoseconds() - lostAt) / 1e9
            logger.notice("uplink connection restored", metadata: ["uplink.down_s": "\(Int(seconds.rounded()))"])
        } else if shown != .up {
            logger.info("uplink connected")
        }
    }

    private func didRefuse(code: Int32, reason: String) {
        let first = lock.withLock {
            lastError = "connection refused: \(reason)"
            defer { link.lastRefusal = reason }
            return link.lastRefusal != reason
        }
        if first {
            logger.error("uplink connection refused by broker; retrying", metadata: ["mqtt.rc": "\(code)", "reason": "\(reason)"])
        }
    }

    private func didDisconnect(code: Int32, reason: String) {
        let now = WallClock.monotonicNanoseconds()
        let (wasConnected, shown, requeued, newReason) = lock.withLock {
            let wasConnected = connected
            connected = false
            let requeued = outbox.connectionLost()
            pendingResults.insert(contentsOf: outbox.takeLostResults(), at: 0)
            // Back to the front of their lanes, in the order they were sent, ahead of
            // anything newer.
            events.pushFront(requeued)
            if code != 0 { lastError = reason }
            attention = true
            let shown = link.shown
            if code != 0, shown != .down {
                link.shown = .down
                link.lostAt = now
            }
            let newReason = !wasConnected && code != 0 && link.lastConnectFailure != reason
            if newReason { link.lastConnectFailure = reason }
            return (wasConnected, shown, requeued.count, newReason)
        }
        lock.broadcast()
        guard code != 0 else { return }
        if wasConnected {
            logger.warning(
                "uplink connection lost; reconnecting",
                metadata: ["mqtt.rc": "\(code)", "reason": "\(reason)", "uplink.requeued": "\(requeued)"]
            )
        } else if shown == .nothing || newReason {
            logger.warning("uplink cannot connect yet; retrying", metadata: ["mqtt.rc": "\(code)", "reason": "\(reason)"])
        }
    }

    /// The broker answered PUBACK with a failure (MQTT 5): not delivered. An event goes back to
    /// the front of its lane and is tried again a second later; the cursor does not move.
    private func didRefusePublish(_ messageID: Int32, reason: Int32) {
        let refusedEvent = lock.withLock { () -> OutgoingEvent? in
            guard let delivery = outbox.acknowledge(messageID) else { return nil }
            attention = true
            guard case .event(var event, let lane, _, _) = delivery else { return nil }
            event.replayed = true
            events.pushFront([(element: event, lane: lane)])
            retryAfter = WallClock.monotonicNanoseconds() + 1_000_000_000
            lastError = "broker refused a publish: reason \(reason)"
            return event
        }
        lock.broadcast()
        if let refusedEvent {
            logger.warning(
                "broker refused an event; retrying",
                metadata: ["mqtt.reason": "\(reason)", "event.seq": "\(refusedEvent.entry.seq)"])
        }
    }

    private func didAcknowledge(_ messageID: Int32) {
        let now = WallClock.monotonicNanoseconds()
        let (known, acknowledgedEvent) = lock.withLock { () -> (Bool, (event: OutgoingEvent, sentAt: UInt64)?) in
            guard let delivery = outbox.acknowledge(messageID) else { return (false, nil) }
            attention = true
            guard case .event(let event, _, _, let sentAt) = delivery else { return (true, nil) }
            acknowledged += 1
            paging.didAcknowledgeEvent()
            lastAcknowledgement = WallClock.nowMilliseconds()
            highestAcknowledgedSeq = max(highestAcknowledgedSeq, event.entry.seq)
            latency.record(nanoseconds: now &- sentAt)
            return (true, (event, sentAt))
        }
        if known { lock.broadcast() }
        guard let acknowledgedEvent else { return }
        // Only now, on the broker's PUBACK, does the journal count it delivered.
        ledger?.acknowledged(seq: acknowledgedEvent.event.entry.seq, uplink: name)
        options.deliveryTrace?.record(uplink: name, acknowledgedEvent.event, publishNs: acknowledgedEvent.sentAt, pubackNs: now)
    }
}
