import GatewayCore
import Polling
import SiteConfig
import StatusPage
import Uplinks

// The one place that turns the running parts into a `GatewayStatus`. When Polling, the
// router and the uplinks publish their own stats snapshots, this file is where they are
// read: per-line polls, errors and latency (now zero), the real last poll of each device
// (now the last state change, since polling sends a state only when it changes), and each
// uplink's acknowledgement latency (now empty).

extension GatewayParts {
    /// Uplink paths are built from the configuration's scheme, host and port only: the
    /// status never carries credentials.
    func status(startedAt: Int64, health: [HealthReport], lastReload: ReloadReport?) -> GatewayStatus {
        let recorded = recorder.recorded()
        var devices: [DeviceStatus] = []
        var lines: [LineStats] = []
        for worker in workers {
            let line = "\(worker.connection)"
            lines.append(LineStats(line: line, devices: worker.devices.count))
            for device in worker.devices {
                devices.append(Self.deviceStatus(device, line: line, snapshot: recorded.snapshots[device.id]))
            }
        }
        let uplinks = zip(self.uplinks, site.uplinks).map { uplink, config in
            let state = uplink.status
            return UplinkReport(
                name: state.name, connected: state.connected, path: "\(config.scheme.rawValue)://\(config.host):\(config.port)",
                backlog: state.backlog, acknowledged: state.acknowledged, lastAck: state.lastAcknowledgement, lastError: state.lastError
            )
        }
        return GatewayStatus(
            site: .init(id: site.id, name: site.name, timezone: site.timezone), version: GatewayVersion.string,
            startedAt: startedAt, generatedAt: WallClock.nowMilliseconds(), devices: devices, alarms: recorded.alarms,
            uplinks: uplinks, lines: lines,
            routing: RoutingStats(eventsByKind: recorded.eventsByKind, unrouted: router.unroutedCount, latency: recorded.routingLatency),
            health: health, lastReload: lastReload
        )
    }

    private static func deviceStatus(_ device: DeviceConfig, line: String, snapshot: DeviceSnapshot?) -> DeviceStatus {
        guard let snapshot else {
            return DeviceStatus(
                id: device.id, profile: device.profile.name, location: device.location, line: line, online: false, lastPoll: 0,
                error: "not read yet"
            )
        }
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
            lastPoll: snapshot.lastPoll, error: snapshot.error, points: points
        )
    }
}
