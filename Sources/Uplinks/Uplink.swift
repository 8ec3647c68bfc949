import EventRouter
import GatewayCore
import Journal
import Logging
import SiteConfig

/// One platform connection: a libmosquitto client on its own network thread, fed by a
/// priority `LaneQueue`, publishing events, retained device states, a retained gateway
/// status (birth + last will) and a heartbeat under the uplink's topic prefix.
///
/// Threads: `submit` and `updateState` only queue and wake the publisher; they never wait
/// for the network. One dedicated publisher thread (outside Swift's cooperative pool) takes
/// the most urgent work whenever the link is up and the in-flight window has room;
/// the client's network thread delivers connects, disconnects, acknowledgements and commands.
/// Everything mutable below is guarded by `lock`. Lock order: `lock` before the client's
/// lock and before the event queue's lock; those two are never held together, and no
/// callback holds the client's lock while it takes `lock`.
public final class Uplink: EventSink, PagedJournalFeed {
    public let name: String
    /// Told of every acknowledged event, so the journal's delivery cursor advances.
    let ledger: (any DeliveryLedger)?
    let config: UplinkConfig
    let siteID: String
    let topics: Topics
    let options: UplinkOptions
    let logger: Logger
    /// Events waiting to be published, one lane per severity.
    let events = LaneQueue<OutgoingEvent>()
    let lock = ConditionLock()
    let finished = Completion()

    enum Phase { case idle, running, stopped }

    // Guarded by `lock`.
    nonisolated(unsafe) var outbox = Outbox()
    nonisolated(unsafe) var phase = Phase.idle
    nonisolated(unsafe) var client: MQTTClient?
    nonisolated(unsafe) var stopRequested = false
    /// Set by anything that may give the publisher work; cleared by the publisher.
    nonisolated(unsafe) var attention = false
    nonisolated(unsafe) var connected = false
    /// Counts accepted connections; the publisher announces (birth) each one once.
    nonisolated(unsafe) var epoch = 0
    nonisolated(unsafe) var announcedEpoch = 0
    nonisolated(unsafe) var nextHeartbeat: UInt64 = 0
    /// When the next periodic test (Contact ID 602) is due; 0 until the first connect.
    nonisolated(unsafe) var nextPeriodicTest: UInt64 = 0
    /// After a transient publish error, the publisher pauses until then (monotonic ns).
    nonisolated(unsafe) var retryAfter: UInt64 = 0
    nonisolated(unsafe) var acknowledged: UInt64 = 0
    nonisolated(unsafe) var lastAcknowledgement: Int64 = 0
    nonisolated(unsafe) var highestAcknowledgedSeq: UInt64 = 0
    nonisolated(unsafe) var latency = MillisecondHistogram(boundsMs: UplinkStatus.latencyBoundsMs)
    /// The broker address of the current (or last) connection.
    nonisolated(unsafe) var path = MQTTPath.primary
    /// The journal's health as last reported; nil without a journal.
    nonisolated(unsafe) var journalHealth: JournalHealth?
    /// Set when the retained status must be published again (the journal's health changed).
    nonisolated(unsafe) var statusChanged = false
    nonisolated(unsafe) var authority: CommandAuthority
    /// The site's routes, by index: an event carries the index of the route that chose this
    /// uplink, whose topic and QoS it is published with. A reload that keeps the uplink
    /// brings new ones (`updateRoutes`).
    nonisolated(unsafe) var routes: RouteHistory
    nonisolated(unsafe) var commandExecutor: (any CommandExecutor)?
    nonisolated(unsafe) var securityEvents: (any EventSink)?
    nonisolated(unsafe) var lockdown = Lockdown(steps: [])
    /// Command results waiting to be published (QoS 1, sent again after a reconnect).
    nonisolated(unsafe) var pendingResults: [[UInt8]] = []
    /// The journal file this uplink's backlog lives in, when it pages (see `Uplink+Paging`).
    nonisolated(unsafe) var journalSource: JournalSource?
    nonisolated(unsafe) var paging = PagingState()
    /// Publisher thread only: the read connection to the journal, opened on first use.
    nonisolated(unsafe) var journalReader: JournalStore?
    nonisolated(unsafe) var lastError = ""
    nonisolated(unsafe) var link = LinkReport()
    nonisolated(unsafe) var startError: (any Error)?
    nonisolated(unsafe) var threadStartFailure: (any Error)?

    public convenience init(config: UplinkConfig, siteID: String, logger: Logger) {
        self.init(config: config, siteID: siteID, logger: logger, options: UplinkOptions())
    }

    /// `ledger`: the journal to tell of acknowledgements (by this uplink's name); without one
    /// nothing outlives the process.
    public init(
        config: UplinkConfig, siteID: String, logger: Logger, options: UplinkOptions,
        ledger: (any DeliveryLedger)? = nil, routes: [RouteConfig] = []
    ) {
        self.routes = RouteHistory(routes)
        name = config.name
        authority = CommandAuthority(allowed: config.allowedCommands, key: config.commandKey, window: config.commandWindow)
        self.ledger = ledger
        self.config = config
        self.siteID = siteID
        topics = Topics(prefix: config.topicPrefix)
        self.options = options
        var logger = logger
        logger[metadataKey: "uplink.name"] = .string(config.name)
        self.logger = logger
    }

    /// Connects (retrying for ever with capped backoff) and publishes until `shutdown()`.
    /// Returns once the link is closed. Task cancellation also shuts the uplink down.
    /// An uplink runs once: after it stopped, `run()` returns at once.
    public func run() async throws {
        let proceed = lock.withLock { () -> Bool in
            guard phase == .idle else { return false }
            if stopRequested {
                phase = .stopped
                return false
            }
            phase = .running
            return true
        }
        guard proceed else {
            if lock.withLock({ phase == .running }) { throw UplinkError.alreadyRunning(name) }
            return
        }
        let client: MQTTClient
        do {
            client = try MQTTClient(options: clientOptions) { [weak self] event in self?.handle(event) }
        } catch {
            lock.withLock {
                phase = .stopped
                lastError = "\(error)"
            }
            finished.signal()
            logger.error("uplink cannot start", metadata: ["error": "\(error)"])
            throw error
        }
        lock.withLock { self.client = client }
        logger.info(
            "uplink starting",
            metadata: ["mqtt.broker": "\(config.host):\(config.port)", "mqtt.client_id": .string(config.clientID)]
        )
        // Connecting resolves the host name, which blocks, and the publisher waits on a
        // condition: a thread of its own, never Swift's cooperative pool. When none can be
        // started the uplink fails rather than run that loop inline on the pool.
        let thread: DedicatedThread
        do {
            thread = try startThread(name: "uplink \(name)") { [self] in
                do {
                    try client.start()
                } catch {
                    logger.error("uplink cannot start", metadata: ["error": "\(error)"])
                    lock.withLock { startError = error }
                    requestStop()
                }
                publishLoop(client)
            }
        } catch {
            lock.withLock {
                phase = .stopped
                self.client = nil
                lastError = "\(error)"
            }
            client.shutdown()  // never started: frees it at once
            finished.signal()
            logger.error("uplink cannot start its publisher thread", metadata: ["error": "\(error)"])
            throw error
        }
        await withTaskCancellationHandler {
            await finished.wait()
        } onCancel: {
            requestStop()
        }
        // `finished` is signalled as the thread's last act: this join waits only for it to
        // return, not for any work.
        thread.join()
        if let error = lock.withLock({ startError }) { throw error }
    }

    /// Delivers what is queued (for at most `UplinkOptions.drainTimeout`), publishes the
    /// retained `offline` status, disconnects cleanly and makes `run()` return. Events still
    /// unacknowledged then are logged as lost.
    public func shutdown() async {
        let running = requestStop()
        if running { await finished.wait() }
    }

    /// An event that does not come through a journal (tests, tools): queued as it is.
    public func submit(_ event: Event) {
        enqueue(JournalEntry(event), route: nil, replayed: false)
    }

    /// An event the journal has written. One queued while the link is down (after it was
    /// up, or after connecting failed) is marked replayed: it will leave late.
    public func enqueue(_ entry: JournalEntry, route: Int?, replayed: Bool) {
        enqueue(entry, route: route, replayed: replayed, written: true)
    }

    public func enqueueUnwritten(_ entry: JournalEntry, route: Int?) {
        enqueue(entry, route: route, replayed: false, written: false)
    }

    /// A written event may stay on disk instead of in memory when its lane is full or
    /// already paged out: the publisher reads it back in `seq` order.
    private func enqueue(_ entry: JournalEntry, route: Int?, replayed: Bool, written: Bool) {
        lock.withLock {
            let lane = entry.severity.lane
            if written, journalSource != nil {
                if paging.leaveOnDisk(seq: entry.seq, lane: lane, queued: events.count(lane: lane), limit: options.memoryQueueLimit) {
                    attention = true
                    return
                }
            }
            let late = replayed || (!connected && link.shown == .down)
            events.push(OutgoingEvent(entry: entry, route: route, replayed: late), lane: lane)
            attention = true
        }
        lock.broadcast()
    }

    public func replay(from source: JournalSource, backlog: Int) {
        lock.withLock {
            journalSource = source
            if backlog > 0 { paging.pageOutEverything(backlog: backlog) }
            attention = true
        }
        lock.broadcast()
    }

    /// A reload kept this uplink and brought new routes: events from `seq` on were routed
    /// with them; those before keep the topic and QoS of the routes they were routed with.
    public func updateRoutes(_ routes: [RouteConfig], fromSeq seq: UInt64) {
        lock.withLock {
            let idle = events.count == 0 && outbox.inFlightEvents == 0 && !paging.isPagedOut
            self.routes.replace(with: routes, fromSeq: seq, backlogEmpty: idle)
        }
    }

    /// The journal's health changed: the retained status says so.
    public func setJournalHealth(_ health: JournalHealth) {
        lock.withLock {
            guard journalHealth != health else { return }
            journalHealth = health
            statusChanged = true
            attention = true
        }
        lock.broadcast()
    }

    public func updateState(_ snapshot: DeviceSnapshot) {
        let changed = lock.withLock {
            let changed = outbox.offer(snapshot)
            if changed { attention = true }
            return changed
        }
        if changed { lock.broadcast() }
    }

    public var status: UplinkStatus {
        lock.withLock {
            UplinkStatus(
                name: name, connected: connected, backlog: backlogLocked, acknowledged: acknowledged,
                lastAcknowledgement: lastAcknowledgement, lastError: lastError, latency: latency, path: path
            )
        }
    }

    /// Test hook: cuts the TCP connection without an MQTT DISCONNECT, so the broker
    /// publishes the last will; the uplink then reconnects by itself.
    @_spi(Testing)
    public func severConnectionForTesting() {
        lock.withLock { client }?.severConnection()
    }

    /// Test hook: events held in memory (queued, not in flight).
    @_spi(Testing)
    public var queuedInMemoryForTesting: Int { events.count }

    /// Test hook: QoS 1 messages handed to the broker and not yet acknowledged (the window).
    @_spi(Testing)
    public var inFlightForTesting: Int { lock.withLock { outbox.inFlightCount } }

    /// Test hook: `run()` fails to start its publisher thread with `error`, as it would
    /// with a `ThreadStartError` when the system has no thread left to give.
    @_spi(Testing)
    public func failThreadStartForTesting(with error: any Error) {
        lock.withLock { threadStartFailure = error }
    }

    private func startThread(name: String, _ body: @escaping @Sendable () -> Void) throws -> DedicatedThread {
        if let error = lock.withLock({ threadStartFailure }) { throw error }
        return try DedicatedThread(name: name, body)
    }

    /// Events queued or in flight, or, while some wait on disk, the journal's count.
    var backlogLocked: Int {
        let inMemory = events.count + outbox.inFlightEvents
        return paging.isPagedOut ? max(inMemory, paging.journalBacklog) : inMemory
    }

    @discardableResult
    func requestStop() -> Bool {
        let running = lock.withLock {
            stopRequested = true
            attention = true
            return phase == .running
        }
        lock.broadcast()
        return running
    }

    var clientOptions: MQTTClientOptions {
        var options = MQTTClientOptions(uplink: config, protocolVersion: protocolVersion)
        options.will = .init(topic: topics.status, payload: StatusPayload.lastWill(site: siteID), qos: .atLeastOnce, retain: true)
        options.willDelay = protocolVersion == .v5 ? config.willDelay : nil
        options.failbackInterval = self.options.failbackInterval
        return options
    }

    /// The site file's choice, unless the options (tests, tools) ask for MQTT 5.
    var protocolVersion: MQTTClientOptions.ProtocolVersion {
        config.protocolVersion == .v5 ? .v5 : options.protocolVersion
    }
}

/// Why `Uplink.run()` refused to run.
public enum UplinkError: Error, Sendable, Equatable, CustomStringConvertible {
    case alreadyRunning(String)

    public var description: String {
        switch self {
        case .alreadyRunning(let name): "uplink \(name) is already running"
        }
    }
}
