import StatusPage

/// `campus-gateway status` for a person: what the status page's top shows, as text.
enum StatusSummary {
    static func needsAttention(_ status: GatewayStatus) -> Bool {
        status.onlineDeviceCount < status.devices.count || status.connectedUplinkCount < status.uplinks.count || !status.isHealthy
    }

    static func text(_ status: GatewayStatus) -> String {
        let now = status.generatedAt
        var lines = ["\(status.site.name) (\(status.site.id)), campus-gateway \(status.version), up "
            + ElapsedText.describe(milliseconds: now - status.startedAt)]
        let sick = status.health.filter { !$0.alive }
        lines.append("health: " + (sick.isEmpty ? "ok" : "NOT ALIVE: " + sick.map { "\($0.name) (\($0.detail))" }.joined(separator: ", ")))
        if let reload = status.lastReload, !reload.applied {
            lines.append("last reload REFUSED, running on the previous site file:")
            lines += reload.lines.map { "  \($0)" }
        }
        lines.append("alarms: \(status.alarms.count) active")
        for alarm in status.alarms {
            let place = alarm.point.isEmpty ? alarm.device : "\(alarm.device)/\(alarm.point)"
            lines.append("  \(alarm.kind)  \(place)  \(alarm.location)  for \(ElapsedText.describe(milliseconds: now - alarm.since))"
                + (alarm.drill ? "  (drill)" : ""))
        }
        lines.append("devices: \(status.onlineDeviceCount)/\(status.devices.count) online")
        let idWidth = status.devices.map(\.id.count).max() ?? 0
        for device in status.devices {
            let id = device.id.padding(toLength: idWidth, withPad: " ", startingAt: 0)
            let state = device.online ? "online " : "OFFLINE"
            let detail = device.online ? "last poll \(ElapsedText.ago(device.lastPoll, now: now))" : device.error
            lines.append("  \(id)  \(state)  \(detail)")
        }
        lines.append("uplinks: \(status.connectedUplinkCount)/\(status.uplinks.count) connected")
        let nameWidth = status.uplinks.map(\.name.count).max() ?? 0
        for uplink in status.uplinks {
            let name = uplink.name.padding(toLength: nameWidth, withPad: " ", startingAt: 0)
            var line = "  \(name)  \(uplink.connected ? "connected" : "DOWN     ")  \(uplink.path)  backlog \(uplink.backlog)"
                + "  last ack \(ElapsedText.ago(uplink.lastAck, now: now))"
            if !uplink.lastError.isEmpty { line += "  (\(uplink.lastError))" }
            lines.append(line)
        }
        return lines.joined(separator: "\n")
    }
}
