import GatewayCore
import Logging
import SiteConfig

/// All bus workers of a site: devices grouped by the bus they share (one TCP address, or
/// one serial line), one worker each; the zones their intrusion points belong to; and the
/// command path into the lines.
public final class PollingService: Sendable {
    public let workers: [BusWorker]
    /// Arming state of every intrusion zone.
    public let zones: ZoneBoard
    /// Where the last published device states are kept across restarts, when the site says.
    public let store: DeviceStateStore?
    /// Device id → (worker index, device index on that worker).
    private let placement: [String: (worker: Int, device: Int)]

    public init(site: Site, sink: any EventSink, logger: Logger) {
        var order: [DeviceConnection] = []
        var groups: [DeviceConnection: [DeviceConfig]] = [:]
        for device in site.devices {
            let bus = device.connection
            if groups[bus] == nil { order.append(bus) }
            groups[bus, default: []].append(device)
        }
        let store = site.stateFile.map(DeviceStateStore.init(path:))
        let zones = ZoneBoard(devices: site.devices, siteID: site.id, sink: sink, store: store)
        self.zones = zones
        self.store = store
        workers = order.map {
            BusWorker(connection: $0, devices: groups[$0]!, siteID: site.id, sink: sink, logger: logger, zones: zones, store: store)
        }
        var placement: [String: (worker: Int, device: Int)] = [:]
        for (w, worker) in workers.enumerated() {
            for (d, device) in worker.devices.enumerated() { placement[device.id] = (w, d) }
        }
        self.placement = placement
    }

    /// Starts every bus thread; throws when the system refuses a thread (the service then
    /// fails and systemd restarts the gateway).
    public func start() throws(ThreadStartError) {
        for worker in workers { try worker.start() }
    }

    public func stop() async {
        for worker in workers { worker.requestStop() }
        for worker in workers { await worker.waitUntilStopped() }
        store?.flush()
    }

    // MARK: - Zones

    /// Arms or disarms an intrusion zone (a device's `zone`, by default its id). Returns false
    /// when no device with intrusion points is in that zone. Publishes `zone.armed` or
    /// `zone.disarmed` on each device of the zone when the state changes.
    @discardableResult
    public func setArmed(_ armed: Bool, zone: String, origin: String) -> Bool {
        zones.set(armed, zone: zone, origin: origin)
    }

    /// Every zone and whether it is armed, in site order.
    public func zoneStates() -> [(zone: String, armed: Bool)] { zones.states() }

    // MARK: - Stats

    /// Counters of every line and device, for the status page and metrics.
    public func stats() -> PollingStats {
        var lines: [LineStats] = []
        var devices: [String: DevicePollStats] = [:]
        for worker in workers {
            let (line, deviceStats) = worker.stats()
            lines.append(line)
            for stats in deviceStats { devices[stats.snapshot.device] = stats }
        }
        let ordered = workers.flatMap(\.devices).map(\.id)
        return PollingStats(lines: lines, devices: ordered.compactMap { devices[$0] })
    }
}

extension PollingService {
    /// The commands `device` accepts: its profile's, then the built-in `reset`, `arm` and
    /// `disarm` where its points give them a meaning. Nil for an unknown device.
    public func commandNames(device id: String) -> [String]? {
        guard let place = placement[id] else { return nil }
        let device = workers[place.worker].devices[place.device]
        var names = device.profile.commands.map(\.id)
        if device.profile.points.contains(where: \.latchesAlarm), !names.contains("reset") { names.append("reset") }
        if device.profile.points.contains(where: \.needsArming) {
            for name in ["arm", "disarm"] where !names.contains(name) { names.append(name) }
        }
        return names
    }
}

extension PollingService: CommandExecutor {
    /// Queues `request` on its device's line, ahead of routine polls. A command that cannot
    /// be tried — unknown device or command, a bad argument (`refused`), an offline device or
    /// a stopped line (`failed`) — is completed before this returns, on the caller's thread;
    /// every other one on the line's thread.
    public func execute(_ request: CommandRequest, completion: @escaping @Sendable (CommandResult) -> Void) {
        let started = WallClock.monotonicNanoseconds()
        func end(_ outcome: CommandResult.Outcome) {
            completion(CommandResult(request: request, outcome: outcome, elapsed: .nanoseconds(Int64(WallClock.monotonicNanoseconds() &- started))))
        }
        guard let place = placement[request.device] else {
            return end(.refused("unknown device '\(request.device)'"))
        }
        let worker = workers[place.worker]
        let device = worker.devices[place.device]
        let hasZone = device.profile.points.contains(where: \.needsArming)
        if let refusal = CommandRun.refusal(request, profile: device.profile, hasZone: hasZone) {
            return end(.refused(refusal))
        }
        if let reason = worker.offlineReason(place.device) {
            return end(.failed("device \(device.id) is offline: \(reason)"))
        }
        let run = CommandRun(
            request: request, spec: device.profile.command(request.command), profile: device.profile,
            device: place.device, nowNs: started, completion: completion
        )
        if !worker.submit(run) { end(.failed("the gateway is stopping")) }
    }
}

extension PollingService {
    /// How long after its first unanswered poll a silent device is reported offline, at most:
    /// `offline_after` polls, each at most one interval (of its fastest group) plus one
    /// response timeout apart. Other devices timing out on the same line add their timeouts.
    public static func offlineBound(_ device: DeviceConfig) -> Duration {
        let fastest = device.profile.points.map { $0.poll ?? device.poll }.min() ?? device.poll
        return (fastest + device.timeout) * device.offlineAfter
    }
}
