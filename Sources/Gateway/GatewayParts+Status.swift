import EventRouter
import GatewayCore
import Polling
import SiteConfig
import StatusPage
import Uplinks

// The one place that turns the running parts' own stats (polling, router, uplinks,
// journal) into the `GatewayStatus` the status page, `/api/status` and `/metrics` show.

extension GatewayParts {
    /// Uplink paths are built from the configuration's scheme, host and port only: the
    /// status never carries credentials.
    func status(startedAt: Int64, health: [HealthReport], lastReload: ReloadReport?) -> GatewayStatus {
        let bus = Dictionary(polling.devices.map { ($0.snapshot.device, $0) }, uniquingKeysWith: { a, _ in a })
        let devices = site.devices.map { device in Self.deviceStatus(device, stats: bus[device.id]) }
        let lines = polling.lines.map { line in
            StatusPage.LineStats(
                line: line.bus, devices: line.devices, polls: line.polls, errors: line.failedPolls,
                latency: Self.histogram(line.latency)
            )
        }
        let configs = Dictionary(site.uplinks.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
        let uplinks = self.uplinks.map { state in
            UplinkReport(
                name: state.name, connected: state.connected, path: Self.path(configs[state.name], state.path),
                backlog: state.backlog, acknowledged: state.acknowledged, lastAck: state.lastAcknowledgement,
                lastError: state.lastError,
                ackLatency: Self.histogram(state.latency)
            )
        }
        let routing = RoutingStats(
            eventsByKind: Dictionary(router.eventsByKind.map { ($0.kind, $0.count) }, uniquingKeysWith: +),
            unrouted: router.unrouted,
            latency: Self.histogram(
                boundsSeconds: router.latency.compactMap(\.upperBoundNanoseconds).map { Double($0) / 1e9 },
                counts: router.latency.map(\.count), sumSeconds: Double(router.latencySumNanoseconds) / 1e9)
        )
        return GatewayStatus(
            site: .init(id: site.id, name: site.name, timezone: site.timezone), version: GatewayVersion.string,
            startedAt: startedAt, generatedAt: WallClock.nowMilliseconds(), devices: devices,
            alarms: recorder.alarms, uplinks: uplinks, lines: lines, routing: routing, health: health,
            lastReload: lastReload
        )
    }

    private static func path(_ config: UplinkConfig?, _ path: MQTTPath) -> String {
        guard let config else { return path.rawValue }
        if path == .backup, let backup = config.backup { return "\(config.scheme.rawValue)://\(backup.host):\(backup.port) (backup)" }
        return "\(config.scheme.rawValue)://\(config.host):\(config.port)"
    }

    /// A part's millisecond histogram in the status page's seconds.
    private static func histogram(_ kept: MillisecondHistogram) -> StatusPage.LatencyHistogram {
        histogram(boundsSeconds: kept.boundsMs.map { $0 / 1000 }, counts: kept.counts, sumSeconds: kept.sumMs / 1000)
    }

    /// Bucket counts as the parts keep them (bounds ascending, one overflow bucket last).
    private static func histogram(boundsSeconds: [Double], counts: [UInt64], sumSeconds: Double) -> StatusPage.LatencyHistogram {
        var histogram = StatusPage.LatencyHistogram(bounds: boundsSeconds)
        histogram.counts = Array(counts.prefix(boundsSeconds.count + 1))
        while histogram.counts.count < boundsSeconds.count + 1 { histogram.counts.append(0) }
        histogram.sum = sumSeconds
        return histogram
    }

    private static func deviceStatus(_ device: DeviceConfig, stats: DevicePollStats?) -> DeviceStatus {
        let line = "\(device.connection)"
        guard let stats, stats.polls > 0 || stats.snapshot.lastPoll > 0 || !stats.snapshot.error.isEmpty else {
            return DeviceStatus(
                id: device.id, profile: device.profile.name, location: device.location, line: line, online: false, lastPoll: 0,
                error: "not read yet"
            )
        }
        let snapshot = stats.snapshot
        let points = snapshot.points.map { point in
            let value: PointReading.Value = switch point.value {
            case .bool(let flag): .bool(flag)
            case .int(let number): .number(Double(number))
            case .double(let number): .number(number)
            }
            return PointReading(id: point.id, value: value, active: snapshot.activePoints.contains(point.id))
        }
        return DeviceStatus(
            id: device.id, profile: device.profile.name, location: device.location, line: line, online: snapshot.online,
            lastPoll: stats.lastPollMs > 0 ? stats.lastPollMs : snapshot.lastPoll, error: snapshot.error, points: points
        )
    }
}
