import GatewayCore
import Logging
import SiteConfig

/// Polls every device on one bus — one TCP connection, or one RTU serial line — from one
/// dedicated OS thread that owns the libmodbus context.
///
/// libmodbus is blocking and not thread-safe, so each bus gets its own thread and a slow
/// or dead bus never delays another. Devices on the bus are polled by deadline (earliest
/// due first; a missed deadline is skipped rather than bunched up), so intervals do not
/// drift with the time each poll takes.
public final class BusWorker: Sendable {
    public let connection: DeviceConnection
    public let devices: [DeviceConfig]
    private let siteID: String
    private let sink: any EventSink
    private let logger: Logger
    private let planner: RequestPlanner
    private let lock = ConditionLock()
    // Guarded by `lock`.
    private nonisolated(unsafe) var stopRequested = false
    private nonisolated(unsafe) var running = false
    private nonisolated(unsafe) var thread: DedicatedThread?

    public init(
        connection: DeviceConnection, devices: [DeviceConfig], siteID: String, sink: any EventSink,
        logger: Logger, planner: RequestPlanner = RequestPlanner()
    ) {
        self.connection = connection
        self.devices = devices
        self.siteID = siteID
        self.sink = sink
        self.planner = planner
        var logger = logger
        logger[metadataKey: "bus"] = "\(connection)"
        self.logger = logger
    }

    /// Starts the bus thread. Call once.
    public func start() throws(ThreadStartError) {
        lock.withLock { running = true }
        do throws(ThreadStartError) {
            let thread = try DedicatedThread(name: "bus \(connection)") { [self] in
                let loop = BusLoop(worker: self)
                loop.run()
                lock.withLock { running = false }
                lock.broadcast()
            }
            lock.withLock { self.thread = thread }
        } catch {
            lock.withLock { running = false }
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

    /// Sleeps the bus thread until `deadline` (monotonic ns) or a stop request.
    /// Returns false when the worker must stop.
    func sleep(untilMonotonic deadline: UInt64) -> Bool {
        lock.withLock {
            if !stopRequested && WallClock.monotonicNanoseconds() < deadline {
                lock.wait(untilMonotonic: deadline)
            }
            return !stopRequested
        }
    }

    var shouldStop: Bool { lock.withLock { stopRequested } }

    func emit(_ outcome: DeviceTracker.Outcome, tracker: DeviceTracker) {
        for event in outcome.events {
            sink.submit(event)
            logEvent(event)
        }
        if outcome.stateChanged { sink.updateState(tracker.snapshot()) }
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

    var workerLogger: Logger { logger }
    var workerPlanner: RequestPlanner { planner }
    var workerSiteID: String { siteID }
}
