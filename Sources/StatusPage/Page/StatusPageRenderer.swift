/// Renders the status page from a `GatewayStatus`. The server renders the whole page, so it
/// reads without JavaScript; the page's script then swaps in the live part (`fragment`)
/// that the server pushes over server-sent events, rendered by this same code.
public struct StatusPageRenderer: Sendable {
    public init() {}

    public func page(_ status: GatewayStatus) -> String {
        StatusPageShell.document(title: "\(status.site.name) · campus-gateway", live: fragment(status))
    }

    /// The part that changes: summary, alarms, devices, uplinks.
    public func fragment(_ status: GatewayStatus) -> String {
        let now = status.generatedAt
        let clock = ClockText(timezone: status.site.timezone)
        var html = header(status, clock: clock)
        html += alarms(status, now: now, clock: clock)
        html += devices(status, now: now)
        html += uplinks(status, now: now)
        return html
    }

    private func header(_ status: GatewayStatus, clock: ClockText) -> String {
        let e = HTMLText.escape
        let alarmClass = status.alarms.isEmpty ? "ok" : "bad"
        let deviceClass = status.onlineDeviceCount == status.devices.count ? "ok" : "warn"
        let uplinkClass = status.connectedUplinkCount == status.uplinks.count ? "ok" : "bad"
        let healthClass = status.isHealthy ? "ok" : "bad"
        var html = """
            <header><h1>\(e(status.site.name))</h1>
            <p class="sub">\(e(status.site.id)) · campus-gateway \(e(status.version)) · 更新 updated <time id="generated">\(clock.time(status.generatedAt))</time></p></header>
            <section class="summary">
            <div class="tile \(alarmClass)"><b id="alarm-count">\(status.alarms.count)</b>报警 alarms</div>
            <div class="tile \(deviceClass)"><b>\(status.onlineDeviceCount)/\(status.devices.count)</b>设备在线 devices online</div>
            <div class="tile \(uplinkClass)"><b>\(status.connectedUplinkCount)/\(status.uplinks.count)</b>平台连接 uplinks up</div>
            <div class="tile \(healthClass)"><b>\(status.isHealthy ? "OK" : "!")</b>运行 health</div>
            </section>

            """
        let sick = status.health.filter { !$0.alive }
        if !sick.isEmpty {
            html += "<p class=\"banner bad\">" + sick.map { "\(e($0.name)): \(e($0.detail))" }.joined(separator: "; ") + "</p>\n"
        }
        if let reload = status.lastReload, !reload.applied {
            html += "<p class=\"banner warn\">配置重载失败 reload refused at \(clock.time(reload.at)), running on the previous site file:<br>"
                + reload.lines.map(e).joined(separator: "<br>") + "</p>\n"
        }
        return html
    }

    private func alarms(_ status: GatewayStatus, now: Int64, clock: ClockText) -> String {
        let e = HTMLText.escape
        var html = "<section id=\"alarms\"><h2>报警 Active alarms</h2>\n"
        if status.alarms.isEmpty { html += "<p class=\"none\">无 none</p>\n" }
        for alarm in status.alarms {
            let drill = alarm.drill ? " <span class=\"badge\">演练 drill</span>" : ""
            html += """
                <article class="alarm \(e(alarm.severity))" data-alarm="\(e(alarm.device))/\(e(alarm.point))">
                <h3>\(e(alarm.kind))\(drill)</h3>
                <p>\([alarm.device, alarm.point, alarm.location].filter { !$0.isEmpty }.map(e).joined(separator: " · "))</p>
                <p>已持续 active for <b class="duration">\(ElapsedText.describe(milliseconds: now - alarm.since))</b> · 自 since \(clock.time(alarm.since))</p>
                </article>

                """
        }
        return html + "</section>\n"
    }

    private func devices(_ status: GatewayStatus, now: Int64) -> String {
        let e = HTMLText.escape
        var html = "<section id=\"devices\"><h2>设备 Devices</h2>\n"
        for device in status.devices {
            let state = device.online ? "<span class=\"state ok\">在线 online</span>" : "<span class=\"state bad\">离线 offline</span>"
            let error = device.error.isEmpty ? "" : "<p class=\"error\">\(e(device.error))</p>"
            var points = ""
            for point in device.points {
                points += "<tr\(point.active ? " class=\"active\"" : "")><td>\(e(point.id))</td><td>\(e(point.value.description))</td></tr>"
            }
            html += """
                <article class="device \(device.online ? "online" : "offline")" data-device="\(e(device.id))">
                <h3>\(e(device.id)) \(state)</h3>
                <p>\(e(device.location)) · \(e(device.profile)) · \(e(device.line))</p>
                <p>上次读取 last poll: \(ElapsedText.ago(device.lastPoll, now: now))</p>\(error)
                <table class="points">\(points)</table>
                </article>

                """
        }
        return html + "</section>\n"
    }

    private func uplinks(_ status: GatewayStatus, now: Int64) -> String {
        let e = HTMLText.escape
        var html = "<section id=\"uplinks\"><h2>平台 Uplinks</h2>\n"
        for uplink in status.uplinks {
            let state = uplink.connected ? "<span class=\"state ok\">已连接 connected</span>" : "<span class=\"state bad\">断开 down</span>"
            let error = uplink.lastError.isEmpty ? "" : "<p class=\"error\">\(e(uplink.lastError))</p>"
            html += """
                <article class="uplink" data-uplink="\(e(uplink.name))">
                <h3>\(e(uplink.name)) \(state)</h3>
                <p>\(e(uplink.path))</p>
                <p>积压 backlog <b>\(uplink.backlog)</b> · 已确认 acked \(uplink.acknowledged) · 上次确认 last ack \(ElapsedText.ago(uplink.lastAck, now: now))</p>\(error)
                </article>

                """
        }
        return html + "</section>\n"
    }
}
