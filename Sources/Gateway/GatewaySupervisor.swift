import Foundation
import Logging
import ServiceLifecycle
import SiteConfig

/// Runs one `Gateway` at a time and replaces it when a reload brings a new valid site,
/// without a gap in polling and without losing an event.
///
/// Polling runs outside the gateway's service group (journal, uplinks, router ticker), so a
/// reload can keep it going while the rest stops: what polling reports meanwhile is held by
/// the status recorder; the old group stops the way SIGTERM stops it (every uplink drains,
/// the journal closes last); then the old polling stops and saves each device's last
/// state; the new gateway is built (its polling starts from those states, so a change
/// between the last old poll and the first new one is still an event), its group starts on
/// the same journal, which continues the `seq`, what was held goes to its router, and its
/// polling starts. Every uplink reconnects once.
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
        var group = start(gateway)
        do {
            try gateway.polling.start()
        } catch {
            await gateway.polling.stop()
            await group.triggerGracefulShutdown()
            throw error
        }
        onPollingStarted()
        while true {
            switch await nextMessage() {
            case nil:
                // Graceful shutdown: polling first, then the uplinks drain and the journal closes.
                await gateway.polling.stop()
                await group.triggerGracefulShutdown()
                if let error = await groupEnd() { throw error }
                return
            case .groupEnded(let error):
                await gateway.polling.stop()
                throw error ?? UplinkService.StoppedEarly(name: "gateway")
            case .reload(let request):
                gateway.recorder.hold()
                await group.triggerGracefulShutdown()
                if let error = await groupEnd() {
                    logger.error("the previous gateway stopped with an error during reload", metadata: ["error": "\(error)"])
                }
                await gateway.polling.stop()
                let next = Gateway(site: Self.withStateFile(request.site, handoverFile), logger: logger, journalPath: journalPath)
                group = start(next)
                gateway.recorder.release(to: next.recorder, devices: Set(request.site.devices.map(\.id)))
                current.value = next
                gateway = next
                do {
                    try next.polling.start()
                } catch {
                    request.done.resume(throwing: error)
                    await group.triggerGracefulShutdown()
                    throw error
                }
                request.done.resume()
            }
        }
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
                case .groupEnded(let error)?: mailbox.groupEnded(error)
                case nil: break
                }
            }
            return first
        }
    }

    /// Waits until the running group has stopped; its error, if any. Reloads asked for
    /// meanwhile are refused: the gateway is stopping or already being replaced.
    private func groupEnd() async -> (any Error)? {
        while let message = await mailbox.next() {
            switch message {
            case .groupEnded(let error): return error
            case .reload(let request): request.done.resume(throwing: Stopping())
            }
        }
        return nil
    }

    /// Starts `gateway`'s services in a group of their own, detached so that it stops only
    /// when told (after polling), not as soon as this service hears of shutdown.
    private func start(_ gateway: Gateway) -> ServiceGroup {
        let group = ServiceGroup(configuration: .init(
            services: gateway.servicesBesidePolling.map { ServiceGroupConfiguration.ServiceConfiguration(service: $0) },
            logger: logger
        ))
        let mailbox = mailbox
        Task.detached {
            do {
                try await group.run()
                mailbox.groupEnded(nil)
            } catch {
                mailbox.groupEnded(error)
            }
        }
        return group
    }
}
