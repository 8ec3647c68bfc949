import Foundation
import Logging
import ServiceLifecycle
import SiteConfig

/// Runs one `Gateway` at a time and replaces it when a reload brings a new valid site,
/// without a gap in polling, without losing an event and without dropping the connection
/// of an uplink whose configuration did not change.
///
/// Three things run side by side: the links (`GatewayLinks`: the journal's writer in one
/// service group, each uplink in a group of its own), the router's services (flood ticker,
/// arming schedule) in another, and polling, started and stopped here. A reload:
/// 1. holds what polling reports (in the status recorder) and what the uplinks and the
///    journal send (security events, journal health, platform commands: in the links'
///    relay), so nothing reaches the old router once its `seq` is handed on;
/// 2. stops the router's group (held-back flood summaries go out through the old router);
/// 3. stops the uplinks the new site removes or changes: each drains, publishes `offline`
///    and disconnects, while the journal still writes its acknowledgements. The others keep
///    running, connected, with their queues, whatever their new place in the list. When
///    the site id or the journal settings changed, every uplink and then the journal stop
///    the way SIGTERM stops them (`GatewayLinks.Carry`);
/// 4. stops the old polling, which saves each device's last state;
/// 5. builds the new gateway: on the kept links, its router continuing at the old router's
///    next `seq` and the uplinks taking its routes; or on new links (same journal file,
///    `seq` continues), whose group then starts, each uplink connecting anew;
/// 6. starts the new router's group, re-points the relay, hands what polling reported
///    meanwhile to the new router, and starts the new polling (from the saved states, so a
///    change between the last old poll and the first new one is still an event).
///
/// The states pass through the site's `state_file`; a site without one gets a file of this
/// process's own in the temporary folder, which starts empty.
final class GatewaySupervisor: Service, Sendable {
    struct Stopping: Error, CustomStringConvertible {
        var description: String { "the gateway is stopping" }
    }

    let logger: Logger
    let journalPath: String?
    let onPollingStarted: @Sendable () -> Void
    /// Where device states pass from one gateway to the next when the site names no file.
    let handoverFile: String
    private let mailbox = ReloadMailbox()
    private let current: GatewayBox

    init(site: Site, logger: Logger, journalPath: String?, onPollingStarted: @escaping @Sendable () -> Void) {
        self.logger = logger
        self.journalPath = journalPath
        self.onPollingStarted = onPollingStarted
        handoverFile = FileManager.default.temporaryDirectory
            .appendingPathComponent("campus-gateway-\(ProcessInfo.processInfo.processIdentifier)-\(UUID().uuidString).state").path
        current = GatewayBox(Gateway(site: Self.withStateFile(site, handoverFile), logger: logger, journalPath: journalPath))
    }

    private static func withStateFile(_ site: Site, _ file: String) -> Site {
        var site = site
        if site.stateFile == nil { site.stateFile = file }
        return site
    }

    var gateway: Gateway { current.value }

    /// Replaces the running gateway with one built from `site`; returns once it runs.
    func replace(with site: Site) async throws {
        try await mailbox.send(site)
    }

    func run() async throws {
        defer {
            mailbox.close(Stopping())
            try? FileManager.default.removeItem(atPath: handoverFile)
        }
        var gateway = current.value
        var links = start(gateway.links)
        var routing = start(gateway.routerServices)
        func abandonAll() async {
            for running in [routing] + links.stopOrder { await running.group.triggerGracefulShutdown() }
        }
        do {
            try gateway.polling.start()
        } catch {
            await gateway.polling.stop()
            await abandonAll()
            throw error
        }
        onPollingStarted()
        while true {
            switch await nextMessage() {
            case nil:
                // Graceful shutdown: polling first, then the router's services, then the
                // uplinks drain (side by side) and the journal closes.
                await gateway.polling.stop()
                var firstError = await stop(routing)
                if let error = await stop(links.uplinks.map(\.group)), firstError == nil { firstError = error }
                if let journal = links.journal, let error = await stop(journal), firstError == nil { firstError = error }
                if let firstError { throw firstError }
                return
            case .groupEnded(_, let error):
                await gateway.polling.stop()
                await abandonAll()
                throw error ?? UplinkService.StoppedEarly(name: "gateway")
            case .reload(let request):
                let site = Self.withStateFile(request.site, handoverFile)
                let carry = gateway.links.carry(to: site, journalPath: journalPath)
                gateway.recorder.hold()
                gateway.links.relay.hold()
                if let error = await stop(routing) {
                    logger.error("the previous router stopped with an error during reload", metadata: ["error": "\(error)"])
                }
                // Uplinks that go drain and say goodbye while the journal still writes their
                // last acknowledgements.
                let stopping: [String]
                switch carry {
                case .unchanged: stopping = []
                case .reshape(let names, _): stopping = names
                case .rebuild: stopping = links.uplinks.map(\.name)
                }
                if let error = await stop(links.uplinks.filter { stopping.contains($0.name) }.map(\.group)) {
                    logger.error("the previous uplinks stopped with an error during reload", metadata: ["error": "\(error)"])
                }
                links.uplinks.removeAll { stopping.contains($0.name) }
                if carry == .rebuild, let journal = links.journal, let error = await stop(journal) {
                    logger.error("the previous journal stopped with an error during reload", metadata: ["error": "\(error)"])
                }
                await gateway.polling.stop()
                let next: Gateway
                switch carry {
                case .unchanged:
                    // Nothing reaches the old router any more: its next seq is the new one's first.
                    next = Gateway(site: site, logger: logger, links: gateway.links, firstSeq: gateway.router.upcomingSeq)
                    logger.notice("reload keeps every uplink connected")
                case .reshape(let stopped, let starting):
                    // The journal re-keys the uplinks while its writer is stopped (it writes
                    // what is queued first); nothing is dispatched meanwhile.
                    gateway.links.journal?.stop()
                    let reshaped = gateway.links.reshaped(to: site, logger: logger)
                    do {
                        try gateway.links.journal?.start()
                    } catch {
                        request.done.resume(throwing: error)
                        await abandonAll()
                        throw error
                    }
                    next = Gateway(site: site, logger: logger, links: reshaped, firstSeq: gateway.router.upcomingSeq)
                    // What still runs is what was kept (the stopped ones are gone from it).
                    let kept = Dictionary(links.uplinks.map { ($0.name, $0.group) }, uniquingKeysWith: { a, _ in a })
                    links.uplinks = reshaped.uplinks.map { uplink in
                        (uplink.name, kept[uplink.name] ?? start([UplinkService(uplink: uplink)]))
                    }
                    logger.notice("reload keeps the unchanged uplinks connected", metadata: [
                        "uplinks.stopped": "\(stopped)", "uplinks.started": "\(starting.map(\.name).sorted())",
                    ])
                case .rebuild:
                    next = Gateway(site: site, logger: logger, journalPath: journalPath)
                    // What the old uplinks sent while stopping goes to the new router.
                    gateway.links.relay.pass(to: next.router, executor: next.commands)
                    links = start(next.links)
                    logger.notice("reload reconnects every uplink")
                }
                routing = start(next.routerServices)
                gateway.recorder.release(to: next.recorder, devices: Set(site.devices.map(\.id)))
                current.value = next
                gateway = next
                do {
                    try next.polling.start()
                } catch {
                    request.done.resume(throwing: error)
                    await abandonAll()
                    throw error
                }
                request.done.resume()
            }
        }
    }

    /// The groups the links run in: the journal's writer in one, each uplink in its own, so
    /// a reload can stop some uplinks and keep the rest.
    private struct RunningLinks {
        var journal: RunningGroup?
        var uplinks: [(name: String, group: RunningGroup)]

        /// Uplinks before the journal, so their last acknowledgements are written.
        var stopOrder: [RunningGroup] { uplinks.map(\.group) + (journal.map { [$0] } ?? []) }
    }

    private func start(_ links: GatewayLinks) -> RunningLinks {
        RunningLinks(
            journal: links.journalService.map { start([$0]) },
            uplinks: links.uplinks.map { ($0.name, start([UplinkService(uplink: $0)])) })
    }

    /// The next reload or group end, or nil on graceful shutdown.
    private func nextMessage() async -> ReloadMailbox.Message? {
        await withTaskGroup(of: ReloadMailbox.Message?.self) { tasks in
            tasks.addTask { [mailbox] in await mailbox.next() }
            tasks.addTask {
                try? await gracefulShutdown()
                return nil
            }
            let first = await tasks.next() ?? nil
            tasks.cancelAll()
            // The loser may have taken a message as it was cancelled: a reload is refused,
            // a group end goes back for whoever waits for it next.
            while let late = await tasks.next() {
                switch late {
                case .reload(let request)?: request.done.resume(throwing: Stopping())
                case .groupEnded(let id, let error)?: mailbox.groupEnded(id, error)
                case nil: break
                }
            }
            return first
        }
    }

    /// A service group the supervisor started, with the id its end is reported under.
    private struct RunningGroup {
        let group: ServiceGroup
        var id: ObjectIdentifier { ObjectIdentifier(group) }
    }

    /// Stops `running` gracefully and waits until it has; its error, if any.
    private func stop(_ running: RunningGroup) async -> (any Error)? {
        await stop([running])
    }

    /// Stops every group in `running` at once (uplinks drain side by side) and waits until all
    /// have; the first error, if any.
    private func stop(_ running: [RunningGroup]) async -> (any Error)? {
        for group in running { await group.group.triggerGracefulShutdown() }
        var firstError: (any Error)?
        for group in running {
            if let error = await groupEnd(group.id), firstError == nil { firstError = error }
        }
        return firstError
    }

    /// Waits until the group `id` has stopped; its error, if any. Reloads asked for
    /// meanwhile are refused: the gateway is stopping or already being replaced. Another
    /// group's end goes back for the main loop.
    private func groupEnd(_ id: ObjectIdentifier) async -> (any Error)? {
        var others: [(ObjectIdentifier, (any Error)?)] = []
        defer { for (other, error) in others { mailbox.groupEnded(other, error) } }
        while let message = await mailbox.next() {
            switch message {
            case .groupEnded(id, let error): return error
            case .groupEnded(let other, let error): others.append((other, error))
            case .reload(let request): request.done.resume(throwing: Stopping())
            }
        }
        return nil
    }

    /// Starts `services` in a group of their own, detached so that it stops only when told
    /// (after polling), not as soon as this service hears of shutdown.
    private func start(_ services: [any Service]) -> RunningGroup {
        let group = ServiceGroup(configuration: .init(
            services: services.map { ServiceGroupConfiguration.ServiceConfiguration(service: $0) },
            logger: logger
        ))
        let id = ObjectIdentifier(group)
        let mailbox = mailbox
        Task.detached {
            do {
                try await group.run()
                mailbox.groupEnded(id, nil)
            } catch {
                mailbox.groupEnded(id, error)
            }
        }
        return RunningGroup(group: group)
    }
}
