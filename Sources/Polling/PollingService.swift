import GatewayCore
import Logging
import SiteConfig

/// All bus workers of a site: devices grouped by the bus they share (one TCP address, or
/// one serial line), one worker each.
public final class PollingService: Sendable {
    public let workers: [BusWorker]

    public init(site: Site, sink: any EventSink, logger: Logger) {
        var order: [DeviceConnection] = []
        var groups: [DeviceConnection: [DeviceConfig]] = [:]
        for device in site.devices {
            let bus = device.connection
            if groups[bus] == nil { order.append(bus) }
            groups[bus, default: []].append(device)
        }
        workers = order.map { BusWorker(connection: $0, devices: groups[$0]!, siteID: site.id, sink: sink, logger: logger) }
    }

    /// Starts every bus thread; throws when the system refuses a thread (the service then
    /// fails and systemd restarts the gateway).
    public func start() throws(ThreadStartError) {
        for worker in workers { try worker.start() }
    }

    public func stop() async {
        for worker in workers { worker.requestStop() }
        for worker in workers { await worker.waitUntilStopped() }
    }
}
