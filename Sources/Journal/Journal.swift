import DequeModule
import GatewayCore
import Logging

#if canImport(Glibc)
import Glibc
#endif

/// The gateway's durable event store, between the router and the uplinks.
///
/// `dispatch` only queues (the router calls it under its lock). A writer thread takes
/// everything queued, writes it in one transaction (one fsync however many events: a flood
/// costs a few commits a second, and an event arriving alone, such as an emergency, is
/// committed at once), and only then hands each event to the uplinks the router chose.
/// Acknowledgements (PUBACK) clear the uplink's pending bit in the same kind of batch.
///
/// When the disk is full or the file is damaged, events still go to the uplinks from memory;
/// the health changes, a `gateway.journal_*` event is raised and uplinks show it on their
/// status topic.
public final class Journal: DispatchSink, DeliveryLedger {
    public let path: String
    /// The seq the router should continue with.
    public let firstSeq: UInt64
    let options: JournalOptions
    let logger: Logger
    let siteID: String
    /// Pending bit of each uplink, by the uplink's index in the site (the router's
    /// destinations). Guarded by `lock`; changes only while the writer is stopped (`reshape`).
    private nonisolated(unsafe) var bits: [Int]
    /// The same bits by uplink name: acknowledgements come by name, so one from an uplink
    /// a reload removed (or moved) can never clear another uplink's bit.
    private nonisolated(unsafe) var bitByName: [String: Int] = [:]

    private let lock = ConditionLock()
    // Guarded by `lock`.
    private nonisolated(unsafe) var queue = Deque<(event: Event, destinations: Destinations)>()
    /// Position in `queue` just past its last emergency, 0 when none: the next commit takes
    /// everything up to there at once, so an emergency behind a flood waits for one commit,
    /// not for the flood to be written batch by batch.
    private nonisolated(unsafe) var emergencyEnd = 0
    private nonisolated(unsafe) var acknowledgements: [(seq: UInt64, bit: Int)] = []
    private nonisolated(unsafe) var acknowledgementsDue: UInt64?
    private nonisolated(unsafe) var stopping = false
    private nonisolated(unsafe) var current: JournalStats
    private nonisolated(unsafe) var feeds: [any JournalFeed] = []
    private nonisolated(unsafe) var thread: DedicatedThread?
    private nonisolated(unsafe) var healthEvents: (any EventSink)?
    private nonisolated(unsafe) var healthObservers: [@Sendable (JournalHealth) -> Void] = []
    /// Raised once at start (a damaged file moved aside), for the first reporter.
    private nonisolated(unsafe) var startupEvent: Event?
    private nonisolated(unsafe) var pageLimitForTesting: Int?
    /// Owned by the writer thread once it runs; by `init` and `attach` before.
    private nonisolated(unsafe) var store: JournalStore?
    /// Writer thread only: when a write last failed. A nearly full disk lets some small
    /// commits through; health returns to ok only after writes worked for a while, so it
    /// does not flap (and raise an event pair) with every batch.
    private nonisolated(unsafe) var lastFailure: UInt64?
    static let recoveryTime: UInt64 = 5_000_000_000

    /// Opens (or creates) the journal at `path` for a site whose uplinks are `uplinks`, in
    /// site order. Never fails: a file that cannot be used leaves the journal in memory mode
    /// (health `full` or `corrupt`), so alarms still flow.
    public init(path: String, siteID: String, uplinks: [String], options: JournalOptions = JournalOptions(), logger: Logger) {
        self.path = path
        self.siteID = siteID
        self.options = options
        var logger = logger
        logger[metadataKey: "journal.path"] = .string(path)
        self.logger = logger
        var stats = JournalStats()
        var opened: JournalStore?
        var startup: Event?
        do {
            opened = try JournalStore(path: path)
        } catch where error.isCorrupt {
            let aside = "\(path).corrupt-\(WallClock.nowMilliseconds())"
            for suffix in ["", "-wal", "-shm"] { _ = rename(path + suffix, aside + suffix) }
            logger.critical("journal file is damaged; moved aside, starting a new journal", metadata: ["journal.moved_to": .string(aside)])
            startup = Self.healthEvent(
                site: siteID, health: .corrupt, active: true,
                detail: "journal file was damaged and moved to \(aside); undelivered events in it are not replayed")
            opened = try? JournalStore(path: path)
            // Keep `seq` going if the damaged file still tells where it was.
            if let recovered = Self.lastSeq(ofDamagedFile: aside), let store = opened, store.lastSeq < recovered {
                try? store.continueSequence(after: recovered)
                logger.notice("sequence continues after the damaged journal's", metadata: ["journal.next_seq": "\(recovered + 1)"])
            }
        } catch {
            logger.critical("cannot open the journal; events flow from memory only", metadata: ["error": "\(error)"])
            stats.lastError = error.description
        }
        var bits = Array(0..<uplinks.count)
        if let store = opened {
            do {
                let (assigned, abandoned) = try store.assignBits(uplinks: uplinks)
                bits = assigned
                if abandoned > 0 {
                    logger.warning("events undelivered to uplinks no longer in the site are given up", metadata: ["journal.abandoned": "\(abandoned)"])
                }
                stats.lastSeq = store.lastSeq
                stats.sizeBytes = (try? store.usedBytes()) ?? 0
                stats.oldestRecorded = (try? store.oldestRecorded()) ?? 0
            } catch {
                logger.critical("cannot read the journal; events flow from memory only", metadata: ["error": "\(error)"])
                stats.lastError = error.description
                opened = nil
            }
        }
        if opened == nil {
            stats.health = .corrupt
            startup = startup ?? Self.healthEvent(site: siteID, health: .corrupt, active: true, detail: "journal unusable: \(stats.lastError)")
        }
        self.bits = bits
        bitByName = Dictionary(zip(uplinks, bits), uniquingKeysWith: { a, _ in a })
        store = opened
        firstSeq = (opened?.lastSeq ?? 0) + 1
        if opened != nil {
            logger.info("journal opened", metadata: ["journal.next_seq": "\(firstSeq)", "journal.size_bytes": "\(stats.sizeBytes)"])
        }
        current = stats
        startupEvent = startup
    }

    /// Hands each uplink (`feeds`, in site order) what it has not acknowledged yet, highest
    /// priority first, then seq order, as replayed. Call once, before any event is dispatched
    /// can be handed over, i.e. before `start`.
    public func attach(feeds: [any JournalFeed]) {
        for (index, feed) in feeds.enumerated() where index < bits.count { replay(to: feed, bit: bits[index]) }
        lock.withLock { self.feeds = feeds }
    }

    /// Hands `feed` what the uplink with pending bit `bit` has not acknowledged.
    private func replay(to feed: any JournalFeed, bit: Int) {
        guard let store else { return }
        if let paged = feed as? any PagedJournalFeed {
            let backlog = (try? store.backlog(bit: bit)) ?? 1
            paged.replay(from: JournalSource(path: path, bit: bit), backlog: backlog)
            if backlog > 0 {
                logger.notice("replaying undelivered events", metadata: ["uplink.bit": "\(bit)", "journal.backlog": "\(backlog)"])
            }
            return
        }
        do {
            let backlog = try store.undelivered(bit: bit)
            for item in backlog { feed.enqueue(item.entry, route: item.route, replayed: true) }
            if !backlog.isEmpty {
                logger.notice("replaying undelivered events", metadata: ["uplink.bit": "\(bit)", "journal.backlog": "\(backlog.count)"])
            }
        } catch {
            logger.error("cannot read undelivered events", metadata: ["error": "\(error)"])
        }
    }

    /// Where journal health events go (the router, so they get a seq and reach platforms).
    public func reportHealth(to sink: any EventSink) {
        let pending = lock.withLock { () -> Event? in
            healthEvents = sink
            defer { startupEvent = nil }
            return startupEvent
        }
        if let pending { sink.submit(pending) }
    }

    /// Called with the new health whenever it changes (uplinks put it on their status topic).
    public func observeHealth(_ observer: @escaping @Sendable (JournalHealth) -> Void) {
        let health = lock.withLock {
            healthObservers.append(observer)
            return current.health
        }
        observer(health)
    }

    /// Starts the writer thread (again, after `stop`).
    public func start() throws {
        lock.withLock { stopping = false }
        let thread = try DedicatedThread(name: "journal") { [self] in writerLoop() }
        lock.withLock { self.thread = thread }
    }

    /// The site's uplinks after a reload that keeps some of them running: `names` and
    /// `feeds` in the new site order. A name that stays keeps its pending bit, so what it
    /// still owes stays owed; a new name gets a free bit; a name no longer there gives up
    /// what it had pending (as at a restart). `replaying` names the feeds that are new
    /// connections for a name already known (a reconfigured uplink): they get their backlog.
    /// Only while the writer is stopped and nothing is dispatched: the store is the
    /// writer's own once it runs.
    public func reshape(names: [String], feeds: [any JournalFeed], replaying: Set<String>) {
        let current = lock.withLock { bitByName }
        var newBits: [Int] = []
        if let store {
            do {
                let (assigned, abandoned) = try store.assignBits(uplinks: names)
                newBits = assigned
                if abandoned > 0 {
                    logger.warning("events undelivered to uplinks no longer in the site are given up", metadata: ["journal.abandoned": "\(abandoned)"])
                }
            } catch {
                logger.error("cannot record the uplinks' names in the journal; a restart replays nothing to new ones", metadata: ["error": "\(error)"])
            }
        }
        if newBits.count != names.count {
            // Without the file's answer: kept names keep their bits, new ones take bits no
            // running uplink uses, so none shares another's.
            newBits = []
            for name in names {
                let used = Set(newBits).union(names.compactMap { current[$0] })
                newBits.append(current[name] ?? (0..<62).first { !used.contains($0) } ?? 61)
            }
        }
        for (name, (feed, bit)) in zip(names, zip(feeds, newBits)) where replaying.contains(name) { replay(to: feed, bit: bit) }
        lock.withLock {
            bits = newBits
            bitByName = Dictionary(zip(names, newBits), uniquingKeysWith: { a, _ in a })
            self.feeds = feeds
        }
    }

    /// Writes what is queued, then stops the writer thread.
    public func stop() {
        let thread = lock.withLock {
            stopping = true
            defer { self.thread = nil }
            return self.thread
        }
        lock.broadcast()
        thread?.join()
    }

    public var stats: JournalStats { lock.withLock { current } }

    // MARK: DispatchSink

    public func dispatch(_ event: Event, to destinations: Destinations) {
        lock.withLock {
            queue.append((event, destinations))
            if event.severity == .critical { emergencyEnd = queue.count }
        }
        lock.broadcast()
    }

    public func updateState(_ snapshot: DeviceSnapshot) {
        for feed in lock.withLock({ feeds }) { feed.updateState(snapshot) }
    }

    // MARK: DeliveryLedger

    public func acknowledged(seq: UInt64, uplink: String) {
        let wake = lock.withLock { () -> Bool in
            guard let bit = bitByName[uplink] else { return false }
            acknowledgements.append((seq, bit))
            guard acknowledgementsDue == nil else { return false }
            acknowledgementsDue = WallClock.monotonicNanoseconds() + options.acknowledgementDelay.nanoseconds
            return true
        }
        if wake { lock.broadcast() }
    }

    // MARK: writer

    private func writerLoop() {
        var nextRetention = WallClock.monotonicNanoseconds()
        lock.lock()
        while true {
            let now = WallClock.monotonicNanoseconds()
            let acknowledgementsReady = acknowledgementsDue.map { $0 <= now || stopping } ?? false
            if queue.isEmpty, !acknowledgementsReady {
                if stopping { break }
                if now >= nextRetention {
                    lock.unlock()
                    retain()
                    nextRetention = WallClock.monotonicNanoseconds() + options.retentionInterval.nanoseconds
                    lock.lock()
                    continue
                }
                lock.wait(untilMonotonic: min(acknowledgementsDue ?? nextRetention, nextRetention))
                continue
            }
            let count = max(min(queue.count, options.maxBatch), emergencyEnd)
            let batch = Array(queue.prefix(count))
            queue.removeFirst(count)
            emergencyEnd = 0
            let acks = acknowledgements
            acknowledgements.removeAll(keepingCapacity: true)
            acknowledgementsDue = nil
            let feeds = self.feeds
            let bits = self.bits
            let pageLimit = pageLimitForTesting
            pageLimitForTesting = nil
            lock.unlock()
            if let pageLimit { try? store?.limitPagesForTesting(pageLimit) }
            write(batch, acks, feeds: feeds, bits: bits)
            lock.lock()
        }
        lock.unlock()
        retain()
    }

    private func write(
        _ batch: [(event: Event, destinations: Destinations)], _ acks: [(seq: UInt64, bit: Int)], feeds: [any JournalFeed], bits: [Int]
    ) {
        let recorded = WallClock.nowMilliseconds()
        let rows = batch.map { item in
            var pending: Int64 = 0
            var routes: [(bit: Int, route: Int)] = []
            item.destinations.forEach { uplink in
                guard uplink < bits.count else { return }
                pending |= Int64(1) << Int64(bits[uplink])
                if let route = item.destinations.route(forUplink: uplink) { routes.append((bits[uplink], route)) }
            }
            return JournalStore.Row(entry: JournalEntry(item.event), pending: pending, routes: routes, recorded: recorded)
        }
        var health = JournalHealth.ok
        var failure = ""
        if let store {
            do {
                try store.commit(rows, acknowledgements: acks)
            } catch {
                health = error.isDiskFull ? .full : .corrupt
                failure = error.description
            }
        } else {
            health = .corrupt
            failure = "no journal file"
        }
        let lastSeq = store?.lastSeq ?? rows.last.map { $0.entry.seq } ?? 0
        let committed = health == .ok
        let writtenCount = committed ? rows.count : 0
        let now = WallClock.monotonicNanoseconds()
        if health != .ok {
            lastFailure = now
        } else if let failed = lastFailure, now - failed < Self.recoveryTime {
            health = lock.withLock { current.health }
        } else {
            lastFailure = nil
        }
        setHealth(health, failure: failure, written: writtenCount, lastSeq: lastSeq)
        // Written (or, failing that, at least kept in memory): now the uplinks may publish.
        // Emergencies are handed over first: one at the end of a flood's batch must not wait
        // while thousands of status events ahead of it are queued. Order within each part is kept.
        for urgentPass in [true, false] {
            for (row, item) in zip(rows, batch) where (item.event.severity == .critical) == urgentPass {
                var entry = row.entry
                entry.committedAt = MonotonicStamp(nanoseconds: now)
                handOver(entry, item.destinations, committed: committed, feeds: feeds)
            }
        }
    }

    /// Gives one journaled event to each uplink it goes to.
    private func handOver(_ entry: JournalEntry, _ destinations: Destinations, committed: Bool, feeds: [any JournalFeed]) {
        destinations.forEach { uplink in
            guard uplink < feeds.count else { return }
            let route = destinations.route(forUplink: uplink)
            if !committed, let paged = feeds[uplink] as? any PagedJournalFeed {
                paged.enqueueUnwritten(entry, route: route)
            } else {
                feeds[uplink].enqueue(entry, route: route, replayed: false)
            }
        }
    }

    private func setHealth(_ health: JournalHealth, failure: String, written: Int, lastSeq: UInt64) {
        let (previous, sink, observers) = lock.withLock {
            let previous = current.health
            current.health = health
            current.lastSeq = max(current.lastSeq, lastSeq)
            if written > 0 {
                current.written += UInt64(written)
                current.commits += 1
            }
            if !failure.isEmpty { current.lastError = failure }
            return (previous, healthEvents, healthObservers)
        }
        guard previous != health else { return }
        if health == .ok {
            logger.notice("journal writes again", metadata: ["journal.was": .string(previous.rawValue)])
        } else {
            logger.critical("journal cannot write; events flow from memory only", metadata: ["journal.health": .string(health.rawValue), "error": .string(failure)])
        }
        for observer in observers { observer(health) }
        if previous != .ok {
            sink?.submit(Self.healthEvent(site: siteID, health: previous, active: false, detail: ""))
        }
        if health != .ok {
            sink?.submit(Self.healthEvent(site: siteID, health: health, active: true, detail: failure))
        }
    }

    private func retain() {
        guard let store else { return }
        do {
            // Events waiting win: retention goes on at the next pass.
            let report = try store.retain(
                now: WallClock.nowMilliseconds(), retentionMilliseconds: options.retention.milliseconds,
                maxSizeBytes: options.maxSizeBytes, shouldYield: { [self] in lock.withLock { !queue.isEmpty } })
            if report.abandoned > 0 {
                logger.error("journal size cap reached: undelivered low-priority events given up", metadata: ["journal.abandoned": "\(report.abandoned)"])
            }
            let size = try store.usedBytes()
            let oldest = try store.oldestRecorded()
            lock.withLock {
                current.sizeBytes = size
                current.oldestRecorded = oldest
            }
        } catch {
            logger.error("journal retention failed", metadata: ["error": "\(error)"])
        }
    }

    /// Test hook: runs retention now, on the caller's thread (only while the writer is stopped).
    public func retainForTesting() { retain() }

    /// Test hook: makes the file refuse to grow past `pages` pages, as a full disk would.
    /// Applied by the writer thread before its next batch (the connection is its alone).
    public func limitPagesForTesting(_ pages: Int) {
        lock.withLock { pageLimitForTesting = pages }
    }

    /// The highest seq a damaged journal file still shows, if any part of it can be read.
    static func lastSeq(ofDamagedFile path: String) -> UInt64? {
        guard let damaged = try? SQLiteConnection(path: path, readOnly: true, create: false) else { return nil }
        let fromMeta = (try? damaged.integer("SELECT value FROM meta WHERE key = 'last_seq'")).flatMap { $0 }
        let fromEvents = (try? damaged.integer("SELECT max(seq) FROM events")).flatMap { $0 }
        guard let highest = [fromMeta, fromEvents].compactMap({ $0 }).max(), highest > 0 else { return nil }
        return UInt64(highest)
    }

    static func healthEvent(site: String, health: JournalHealth, active: Bool, detail: String) -> Event {
        Event(
            site: site, device: "gateway", point: "journal", kind: EventKind("gateway.journal_\(health.rawValue)"),
            state: active ? .active : .cleared, severity: .major, timestamp: WallClock.nowMilliseconds(), contactID: "300",
            detail: detail)
    }
}
