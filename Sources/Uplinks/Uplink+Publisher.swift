import GatewayCore
import Logging

extension Uplink {
    /// The publisher thread's whole life: publish while running; once a stop is requested,
    /// drain (keep publishing, same order, until nothing is queued or in flight, or until
    /// `drainTimeout`), then the clean shutdown.
    func publishLoop(_ client: MQTTClient) {
        lock.lock()
        var drainDeadline: UInt64?
        while true {
            if stopRequested {
                let now = WallClock.monotonicNanoseconds()
                let deadline = drainDeadline ?? now + options.drainTimeout.nanoseconds
                drainDeadline = deadline
                // A client that never started cannot deliver anything: no point waiting.
                if isDrainedLocked || now >= deadline || startError != nil { break }
            }
            attention = false
            if step(client) { continue }
            if attention { continue }
            lock.wait(untilMonotonic: earliest(nextWakeLocked(), drainDeadline))
        }
        lock.unlock()
        finish(client)
    }

    /// Nothing left to hand over: no event queued, no device state pending, nothing waiting
    /// for its acknowledgement.
    private var isDrainedLocked: Bool {
        events.count == 0 && outbox.inFlightCount == 0 && outbox.pendingStateCount == 0 && pendingResults.isEmpty
            && !paging.isPagedOut
    }

    private func earliest(_ a: UInt64?, _ b: UInt64?) -> UInt64? {
        guard let a else { return b }
        guard let b else { return a }
        return min(a, b)
    }

    /// Does one unit of work with `lock` held; false when nothing can be done now.
    /// Order: birth after a (re)connect, emergencies, heartbeat, then — while the window has
    /// room — major and minor events, device states, status events.
    private func step(_ client: MQTTClient) -> Bool {
        guard connected else { return false }
        let now = WallClock.monotonicNanoseconds()
        guard now >= retryAfter else { return false }
        if announcedEpoch != epoch {
            // On failure `retryAfter` is set and the birth is tried again.
            guard publishStatus(client, birthPayload) != nil else { return true }
            announcedEpoch = epoch
            statusChanged = false
            if nextPeriodicTest == 0, let period = config.periodicTest {
                // The first test one period after the first connect, then every period.
                nextPeriodicTest = now + period.nanoseconds
            }
            outbox.republishAllStates()
            nextHeartbeat = now
            return true
        }
        if statusChanged {
            guard publishStatus(client, birthPayload) != nil else { return true }
            statusChanged = false
            return true
        }
        // Events waiting on disk come back into memory before anything is chosen.
        if pageIn() { return true }
        let inFlight = outbox.inFlightCount
        if events.count(lane: 0) > 0, inFlight < options.maxInFlight + options.emergencyReserve {
            return publishNextEvent(client)
        }
        if now >= nextHeartbeat {
            publishHeartbeat(client)
            nextHeartbeat = now + config.heartbeat.nanoseconds
            return true
        }
        if let period = config.periodicTest, nextPeriodicTest != 0, now >= nextPeriodicTest, inFlight < options.maxInFlight {
            let test = TestEvent.periodic(site: siteID, timestamp: WallClock.nowMilliseconds())
            do {
                let mid = try client.publish(
                    topic: topics.events(device: test.device), payload: test.jsonBytes(), qos: .atLeastOnce, retain: false)
                outbox.sentStatus(messageID: mid)
                nextPeriodicTest = now + period.nanoseconds
            } catch {
                publishFailed(error)
            }
            return true
        }
        guard inFlight < options.maxInFlight else { return false }
        if let result = pendingResults.first {
            do {
                let mid = try client.publish(topic: topics.commandResults, payload: result, qos: .atLeastOnce, retain: false)
                outbox.sentResult(result, messageID: mid)
                pendingResults.removeFirst()
            } catch {
                publishFailed(error)
            }
            return true
        }
        if events.count(lane: 1) > 0 || events.count(lane: 2) > 0 { return publishNextEvent(client) }
        if let snapshot = outbox.takeState() {
            publishState(client, snapshot)
            return true
        }
        if events.count > 0 { return publishNextEvent(client) }
        return false
    }

    /// The retained `online` status: version, journal health.
    private var birthPayload: [UInt8] {
        StatusPayload.birth(
            site: siteID, timestamp: WallClock.nowMilliseconds(), version: options.gatewayVersion,
            journal: journalHealth?.rawValue, path: path.rawValue)
    }

    private func nextWakeLocked() -> UInt64? {
        guard connected else { return nil }
        let now = WallClock.monotonicNanoseconds()
        let next = config.periodicTest == nil || nextPeriodicTest == 0 ? nextHeartbeat : min(nextHeartbeat, nextPeriodicTest)
        return retryAfter > now ? min(retryAfter, next) : next
    }

    /// Where and how an event is published: the route that chose this uplink for the event
    /// (`routes[event.route]`) may set its own topic under the prefix and its QoS; otherwise
    /// `{prefix}/events/{device}` at QoS 1. Status events (`info`) expire at the broker
    /// (MQTT 5); alarms never do.
    func publication(for event: OutgoingEvent) -> (topic: String, qos: MQTTQoS, expiry: Duration?) {
        let expiry = event.entry.severity == .info ? config.messageExpiry : nil
        guard let index = event.route, let route = routes.route(index, seq: event.entry.seq) else {
            return (topics.events(device: event.entry.device), .atLeastOnce, expiry)
        }
        let topic = route.topic.map { topics.custom($0, device: event.entry.device, kind: event.entry.kind) }
        return (topic ?? topics.events(device: event.entry.device), route.qos == 0 ? .atMostOnce : .atLeastOnce, expiry)
    }

    private func publishNextEvent(_ client: MQTTClient) -> Bool {
        guard let (event, lane) = events.popFirst() else { return false }
        let (topic, qos, expiry) = publication(for: event)
        do {
            // Read before the call: on loopback the PUBACK can reach the network thread (which
            // stamps it before waiting for `lock`) before mosquitto_publish returns.
            let sentAt = WallClock.monotonicNanoseconds()
            let mid = try client.publish(topic: topic, payload: event.payload, qos: qos, retain: false, expiry: expiry)
            // Still under `lock`: the PUBACK handler waits for this line.
            outbox.sentEvent(event, lane: lane, messageID: mid, at: sentAt)
        } catch where error.isPermanent {
            // Can never be sent; keeping it would block its lane for ever.
            logger.error(
                "event dropped: the broker can never accept it",
                metadata: ["event.id": "\(event.entry.id)", "event.seq": "\(event.entry.seq)", "mqtt.error": "\(error)"]
            )
        } catch {
            events.pushFront([(element: event, lane: lane)])
            publishFailed(error)
        }
        return true
    }

    private func publishState(_ client: MQTTClient, _ snapshot: DeviceSnapshot) {
        do {
            let mid = try client.publish(
                topic: topics.state(device: snapshot.device), payload: snapshot.jsonBytes(site: siteID), qos: .atLeastOnce,
                retain: true
            )
            outbox.sentState(device: snapshot.device, messageID: mid)
        } catch where error.isPermanent {
            logger.error("device state dropped", metadata: ["device.id": .string(snapshot.device), "mqtt.error": "\(error)"])
        } catch {
            // Republished with every known state on the next connect.
            publishFailed(error)
        }
    }

    @discardableResult
    private func publishStatus(_ client: MQTTClient, _ payload: [UInt8]) -> Int32? {
        do {
            let mid = try client.publish(topic: topics.status, payload: payload, qos: .atLeastOnce, retain: true)
            outbox.sentStatus(messageID: mid)
            return mid
        } catch {
            publishFailed(error)
            return nil
        }
    }

    private func publishHeartbeat(_ client: MQTTClient) {
        let payload = StatusPayload.heartbeat(
            site: siteID, timestamp: WallClock.nowMilliseconds(), seq: highestAcknowledgedSeq, backlog: backlogLocked,
            path: path.rawValue
        )
        do {
            // A heartbeat older than a few periods tells nothing: it expires (MQTT 5).
            try client.publish(topic: topics.heartbeat, payload: payload, qos: .atMostOnce, retain: false, expiry: config.heartbeat * 3)
        } catch {
            publishFailed(error)
        }
    }

    /// A transient failure (the link is going down): pause briefly instead of spinning;
    /// the disconnect callback follows.
    private func publishFailed(_ error: MQTTError) {
        lastError = error.description
        retryAfter = WallClock.monotonicNanoseconds() + 100_000_000
    }

    /// Clean shutdown, on the publisher thread, after the drain: retained `offline` with
    /// reason (waiting up to `shutdownAckTimeout` for its PUBACK), DISCONNECT, stop
    /// libmosquitto's thread; then report every event the broker has not acknowledged.
    private func finish(_ client: MQTTClient) {
        let deadline = WallClock.monotonicNanoseconds() + options.shutdownAckTimeout.nanoseconds
        let acknowledgedOffline: Bool? = lock.withLock {
            guard connected else { return nil }
            let payload = StatusPayload.shutdown(site: siteID, timestamp: WallClock.nowMilliseconds())
            guard let mid = publishStatus(client, payload) else { return false }
            while outbox.isInFlight(mid), connected {
                if WallClock.monotonicNanoseconds() >= deadline { return false }
                lock.wait(untilMonotonic: deadline)
            }
            return !outbox.isInFlight(mid)
        }
        if acknowledgedOffline == false {
            logger.warning("offline status not acknowledged before disconnecting")
        }
        let stopped = client.shutdown(timeout: .seconds(5))
        let (backlog, undelivered) = lock.withLock {
            connected = false
            // Acknowledgements that arrived while disconnecting have been counted by now.
            events.pushFront(outbox.connectionLost())
            phase = .stopped
            self.client = nil
            return (backlogLocked, undeliveredEvents())
        }
        if !stopped { logger.error("the MQTT network thread did not stop; client leaked") }
        if let undelivered, ledger != nil {
            logger.warning(
                "events not delivered before shutdown; the journal keeps them for the next start",
                metadata: [
                    "uplink.undelivered": "\(undelivered.count)", "event.seq_lowest": "\(undelivered.lowest)",
                    "event.seq_highest": "\(undelivered.highest)",
                ]
            )
        } else if let undelivered {
            logger.error(
                "events not delivered before shutdown; they are lost",
                metadata: [
                    "uplink.undelivered": "\(undelivered.count)", "event.seq_lowest": "\(undelivered.lowest)",
                    "event.seq_highest": "\(undelivered.highest)", "uplink.drain_timeout": "\(options.drainTimeout)",
                ]
            )
        }
        logger.info("uplink stopped", metadata: ["uplink.backlog": "\(backlog)"])
        options.deliveryTrace?.flush()
        finished.signal()
    }

    /// How many events are still queued and their lowest and highest `seq`, or nil when none.
    /// Leaves the queue as it was: each lane keeps its order.
    private func undeliveredEvents() -> (count: Int, lowest: UInt64, highest: UInt64)? {
        var all: [(element: OutgoingEvent, lane: Int)] = []
        while let item = events.popFirst() { all.append(item) }
        events.pushFront(all)
        guard let first = all.first?.element.entry.seq else { return nil }
        let (lowest, highest) = all.reduce((first, first)) { range, item in
            (min(range.0, item.element.entry.seq), max(range.1, item.element.entry.seq))
        }
        return (all.count, lowest, highest)
    }
}
