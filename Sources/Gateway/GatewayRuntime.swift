import EventRouter
import GatewayCore
import Logging
import Polling
import ServiceLifecycle
import SiteConfig
import Uplinks

/// The gateway as the daemon runs it: the same parts as `Gateway` (bus workers → status
/// recorder → router → uplinks), but changeable while running, so a reload restarts only
/// what changed. Unchanged uplinks keep their connection and queue; unchanged buses keep
/// polling; the router is replaced atomically and continues the `seq`.
///
/// One service: uplinks and bus workers start and stop inside it, because a reload adds and
/// removes them, which a service group cannot. Its shutdown keeps the group's order:
/// polling stops first, then every uplink drains and says goodbye. An uplink that ends by
/// itself (not by a reload) fails the service, as `UplinkService` does.
final class GatewayRuntime: Service, Sendable {
    let logger: Logger
    let recorder: StatusRecorder
    private let routers: RouterSwitch
    private let onPollingStarted: @Sendable () -> Void
    private let failures: AsyncStream<any Error>
    private let reportFailure: AsyncStream<any Error>.Continuation
    private let lock = ConditionLock()
    // Guarded by `lock`.
    private nonisolated(unsafe) var site: Site
    private nonisolated(unsafe) var uplinks: [Uplink]
    private nonisolated(unsafe) var workers: [BusWorker]
    private nonisolated(unsafe) var tasks: [ObjectIdentifier: Task<Void, Never>] = [:]
    private nonisolated(unsafe) var retired: Set<ObjectIdentifier> = []
    private nonisolated(unsafe) var stopping = false

    init(site: Site, logger: Logger, onPollingStarted: @escaping @Sendable () -> Void = {}) {
        self.logger = logger
        self.site = site
        self.onPollingStarted = onPollingStarted
        (failures, reportFailure) = AsyncStream<any Error>.makeStream()
        let uplinks = site.uplinks.map { Self.makeUplink($0, site: site, logger: logger) }
        self.uplinks = uplinks
        routers = RouterSwitch(EventRouter(routes: site.routes, uplinks: uplinks.map(\.name), sink: UplinkFanOut(uplinks)))
        recorder = StatusRecorder(forwardingTo: routers)
        workers = []
        workers = Self.makeWorkers(site.devices, site: site, sink: recorder, logger: logger)
    }

    var parts: GatewayParts {
        lock.withLock { GatewayParts(site: site, uplinks: uplinks, router: routers.current, recorder: recorder, workers: workers) }
    }

    func run() async throws {
        let (uplinks, workers) = lock.withLock { (self.uplinks, self.workers) }
        for uplink in uplinks { start(uplink) }
        do {
            for worker in workers { try worker.start() }
        } catch {
            await stopAll()
            throw error
        }
        onPollingStarted()
        let failure = await withTaskGroup(of: (any Error)?.self) { group in
            group.addTask {
                try? await gracefulShutdown()
                return nil
            }
            group.addTask { [failures] in
                for await failure in failures { return failure }
                return nil
            }
            let first = await group.next() ?? nil
            group.cancelAll()
            return first
        }
        await stopAll()
        if let failure { throw failure }
    }

    /// Applies a reload: new and changed uplinks start, the router is replaced, the buses
    /// with a device added, removed or changed restart, and removed or changed uplinks drain
    /// and disconnect. A change of site id, name or time zone restarts everything.
    func apply(_ new: Site, _ change: SiteChange) async throws {
        let old = lock.withLock { site }
        let everything = change.identityChanged
        let stopNames = everything ? Set(old.uplinks.map(\.name)) : change.uplinksToStop
        let current = lock.withLock { uplinks }
        var next: [Uplink] = []
        var started: [Uplink] = []
        for config in new.uplinks {
            if !stopNames.contains(config.name), let kept = current.first(where: { $0.name == config.name }) {
                next.append(kept)
            } else {
                let uplink = Self.makeUplink(config, site: new, logger: logger)
                next.append(uplink)
                started.append(uplink)
            }
        }
        let leaving = current.filter { uplink in !next.contains { $0 === uplink } }
        for uplink in started { start(uplink) }
        routers.replace { nextSeq in
            EventRouter(routes: new.routes, uplinks: next.map(\.name), sink: UplinkFanOut(next), firstSeq: nextSeq)
        }
        // A new connection starts with every device's state, as after a reconnect.
        let snapshots = recorder.recorded().snapshots.values
        for uplink in started { for snapshot in snapshots { uplink.updateState(snapshot) } }

        let buses = everything ? Set(old.devices.map(\.connection) + new.devices.map(\.connection)) : change.busesTouched(old: old)
        let (stay, go) = lock.withLock { () -> ([BusWorker], [BusWorker]) in
            (workers.filter { !buses.contains($0.connection) }, workers.filter { buses.contains($0.connection) })
        }
        for worker in go { worker.requestStop() }
        for worker in go { await worker.waitUntilStopped() }
        let fresh = Self.makeWorkers(new.devices.filter { buses.contains($0.connection) }, site: new, sink: recorder, logger: logger)
        recorder.forget(devices: Set(old.devices.map(\.id)).subtracting(new.devices.map(\.id)))
        var running: [BusWorker] = []
        do {
            for worker in fresh {
                try worker.start()
                running.append(worker)
            }
        } catch {
            lock.withLock { workers = stay + running }
            throw error
        }
        lock.withLock {
            site = new
            uplinks = next
            workers = stay + fresh
            for uplink in leaving { retired.insert(ObjectIdentifier(uplink)) }
        }
        for uplink in leaving { await uplink.shutdown() }
        if change.statusChanged {
            logger.warning("the status server's new address takes effect at the next restart")
        }
    }

    private func start(_ uplink: Uplink) {
        let id = ObjectIdentifier(uplink)
        let task = Task { [self] in
            var failure: (any Error)?
            do { try await uplink.run() } catch { failure = error }
            let expected = lock.withLock { stopping || retired.contains(id) }
            if !expected { reportFailure.yield(failure ?? UplinkService.StoppedEarly(name: uplink.name)) }
        }
        lock.withLock { tasks[id] = task }
    }

    private func stopAll() async {
        let (workers, uplinks, tasks) = lock.withLock { () -> ([BusWorker], [Uplink], [Task<Void, Never>]) in
            stopping = true
            return (self.workers, self.uplinks, Array(self.tasks.values))
        }
        for worker in workers { worker.requestStop() }
        for worker in workers { await worker.waitUntilStopped() }
        for uplink in uplinks { await uplink.shutdown() }
        for task in tasks { await task.value }
        reportFailure.finish()
    }

    static func makeUplink(_ config: UplinkConfig, site: Site, logger: Logger) -> Uplink {
        var uplinkLogger = logger
        uplinkLogger[metadataKey: "uplink.name"] = "\(config.name)"
        return Uplink(config: config, siteID: site.id, logger: uplinkLogger, options: UplinkOptions(gatewayVersion: GatewayVersion.string))
    }

    /// One worker per bus, in the order the site first names each bus.
    static func makeWorkers(_ devices: [DeviceConfig], site: Site, sink: any EventSink, logger: Logger) -> [BusWorker] {
        var order: [DeviceConnection] = []
        var groups: [DeviceConnection: [DeviceConfig]] = [:]
        for device in devices {
            if groups[device.connection] == nil { order.append(device.connection) }
            groups[device.connection, default: []].append(device)
        }
        return order.map { BusWorker(connection: $0, devices: groups[$0]!, siteID: site.id, sink: sink, logger: logger) }
    }
}
