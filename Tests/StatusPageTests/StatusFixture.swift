import StatusPage

/// A status with one of everything, including text that must be escaped.
enum StatusFixture {
    static let now: Int64 = 1_763_971_200_000  // 2025-11-24 08:00:00 UTC

    static func status() -> GatewayStatus {
        var routingLatency = LatencyHistogram()
        routingLatency.record(seconds: 0.00002)
        routingLatency.record(seconds: 0.0003)
        routingLatency.record(seconds: 7)
        var ack = LatencyHistogram()
        ack.record(seconds: 0.004)
        return GatewayStatus(
            site: .init(id: "4101230001", name: "东风小学 <East>", timezone: "Asia/Shanghai"), version: "1.2.3",
            startedAt: now - 3_600_000, generatedAt: now,
            devices: [
                DeviceStatus(
                    id: "gate-east-sos", profile: "sos-button", location: "东门", line: "tcp://127.0.0.1:1502", online: true,
                    lastPoll: now - 300, points: [
                        PointReading(id: "button", value: .bool(true), active: true),
                        PointReading(id: "supply_voltage", value: .number(12.5)),
                    ]
                ),
                DeviceStatus(
                    id: "perimeter-north", profile: "perimeter-8zone", location: "北墙", line: "rtu:///dev/ttyS1", online: false,
                    lastPoll: 0, error: "connection refused"
                ),
            ],
            alarms: [
                ActiveAlarm(device: "gate-east-sos", point: "button", kind: "alarm.emergency", severity: "critical", location: "东门",
                            since: now - 192_000),
            ],
            uplinks: [
                UplinkReport(name: "police", connected: true, path: "mqtts://police.example:8883", backlog: 2, acknowledged: 41,
                             lastAck: now - 2_000, ackLatency: ack),
                UplinkReport(name: "edu \"bureau\"", connected: false, path: "mqtt://edu.example:1883", backlog: 7, acknowledged: 0,
                             lastAck: 0, lastError: "connection refused"),
            ],
            lines: [LineStats(line: "tcp://127.0.0.1:1502", devices: 1, polls: 120, errors: 3, latency: routingLatency)],
            routing: RoutingStats(eventsByKind: ["alarm.emergency": 2, "device.offline": 1], unrouted: 1, latency: routingLatency),
            health: [HealthReport(name: "router", alive: true)]
        )
    }
}
