import GatewayCore
import Logging
import SiteConfig

/// Polls every device on one bus — one TCP connection (a device, or a TCP-to-RTU converter
/// with several units behind it), or one RTU serial line — from one dedicated OS thread
/// that owns the libmodbus context.
///
/// libmodbus is blocking and not thread-safe, so each bus gets its own thread and a slow
/// or dead bus never delays another. What other threads need (commands in, counters and
/// device states out, stop) goes through `lock`.
public final class BusWorker: Sendable {
    public let connection: DeviceConnection
    public let devices: [DeviceConfig]
    let siteID: String
    let sink: any EventSink
    let logger: Logger
    let zones: ZoneBoard
    let store: DeviceStateStore?
    private let lock = ConditionLock()
    // Guarded by `lock`.
    private nonisolated(unsafe) var stopRequested = false
    private nonisolated(unsafe) var running = false
    private nonisolated(unsafe) var finished = false
    private nonisolated(unsafe) var thread: DedicatedThread?
    private nonisolated(unsafe) var inbox: [CommandRun] = []
    private nonisolated(unsafe) var lineStats: LineStats
    private nonisolated(unsafe) var deviceStats: [DevicePollStats]
    private nonisolated(unsafe) var offline: [Bool]

    public init(
        connection: DeviceConnection, devices: [DeviceConfig], siteID: String, sink: any EventSink, logger: Logger,
        zones: ZoneBoard? = nil, store: DeviceStateStore? = nil
    ) {
        self.connection = connection
        self.devices = devices
        self.siteID = siteID
        self.sink = sink
        self.zones = zones ?? ZoneBoard(devices: devices, siteID: siteID, sink: sink)
        self.store = store
        var logger = logger
        logger[metadataKey: "bus"] = "\(connection)"
        self.logger = logger
        lineStats = LineStats(bus: "\(connection)", devices: devices.count)
        deviceStats = devices.map {
            DevicePollStats(snapshot: DeviceTracker(device: $0, siteID: siteID).snapshot(), bus: "\(connection)")
        }
        offline = Array(repeating: false, count: devices.count)
    }

    /// Starts the bus thread. Call once.
    public func start() throws(ThreadStartError) {
        lock.withLock { running = true }
        do throws(ThreadStartError) {
            let thread = try DedicatedThread(name: "bus \(connection)") { [self] in
                let loop = BusLoop(worker: self)
                loop.run()
                // Commands that arrived after the loop's last look at the inbox.
                let late = lock.withLock {
                    finished = true
                    running = false
                    defer { inbox.removeAll() }
                    return inbox
                }
                let now = WallClock.monotonicNanoseconds()
                for run in late { run.finish(.failed("the gateway is stopping"), nowNs: now) }
                lock.broadcast()
            }
            lock.withLock { self.thread = thread }
        } catch {
            lock.withLock {
                running = false
                finished = true
            }
            throw error
        }
    }

    /// Asks the thread to stop after the Modbus request in progress (at most one response
    /// timeout, plus a connect attempt).
    public func requestStop() {
        lock.withLock { stopRequested = true }
        lock.broadcast()
    }

    /// Waits until the thread has closed its connection and ended.
    public func waitUntilStopped() async {
        while lock.withLock({ running }) {
            try? await Task.sleep(for: .milliseconds(5))
        }
        // The body has returned, so this join is immediate: it only reclaims the thread.
        lock.withLock { thread }?.join()
    }

    /// Counters of the line and its devices.
    public func stats() -> (line: LineStats, devices: [DevicePollStats]) {
        lock.withLock { (lineStats, deviceStats) }
    }

    /// Whether device `index` is reported offline, and why.
    func offlineReason(_ index: Int) -> String? {
        lock.withLock { offline[index] ? deviceStats[index].snapshot.error : nil }
    }

    /// Hands a command to the line. False when the line has stopped (the caller fails it).
    func submit(_ run: CommandRun) -> Bool {
        let accepted = lock.withLock {
            guard !finished, !stopRequested else { return false }
            inbox.append(run)
            return true
        }
        if accepted { lock.broadcast() }
        return accepted
    }

    // MARK: - For the bus thread

    /// Sleeps the bus thread until `deadline` (monotonic ns), a command or a stop request.
    /// Returns false when the worker must stop.
    func sleep(untilMonotonic deadline: UInt64) -> Bool {
        lock.withLock {
            if !stopRequested && inbox.isEmpty && WallClock.monotonicNanoseconds() < deadline {
                lock.wait(untilMonotonic: deadline)
            }
            return !stopRequested
        }
    }

    var shouldStop: Bool { lock.withLock { stopRequested } }

    func takeCommands() -> [CommandRun] {
        lock.withLock {
            defer { inbox.removeAll() }
            return inbox
        }
    }

    func updateStats(_ body: (inout LineStats, inout [DevicePollStats], inout [Bool]) -> Void) {
        lock.withLock { body(&lineStats, &deviceStats, &offline) }
    }

    func emit(_ outcome: DeviceTracker.Outcome, tracker: DeviceTracker, index: Int) {
        for event in outcome.events {
            sink.submit(event)
            logEvent(event)
        }
        guard outcome.stateChanged else { return }
        let snapshot = tracker.snapshot()
        sink.updateState(snapshot)
        lock.withLock {
            deviceStats[index].snapshot = snapshot
            offline[index] = tracker.isOffline
        }
        if let problem = store?.update(device: tracker.device.id, points: tracker.storedPoints, urgent: outcome.alarmChanged) {
            logger.error("cannot save device states", metadata: ["reason": "\(problem)"])
        }
    }

    private func logEvent(_ event: Event) {
        var metadata: Logger.Metadata = ["device.id": "\(event.device)", "event.kind": "\(event.kind)", "event.state": "\(event.state.rawValue)"]
        if !event.point.isEmpty { metadata["point.id"] = "\(event.point)" }
        if !event.detail.isEmpty { metadata["reason"] = "\(event.detail)" }
        switch event.kind {
        case .deviceOffline: logger.warning("device offline", metadata: metadata)
        case .deviceOnline: logger.notice("device online", metadata: metadata)
        default: logger.info("event", metadata: metadata)
        }
    }
}
