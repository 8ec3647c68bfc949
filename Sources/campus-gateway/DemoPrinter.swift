import EventRouter
import Foundation
import GatewayCore
import GatewayTesting
import SiteConfig

/// Prints the demo as it happens and matches what the broker delivers to the step that
/// caused it, so each event shows its delay from the input change.
final class DemoPrinter: Sendable {
    private let site: Site
    private let routes: RouteTable
    private let lock = ConditionLock()
    // Guarded by `lock`.
    private nonisolated(unsafe) var stepStarts: [Int: UInt64] = [:]
    /// (step, uplink) → delay in ms of the first matching delivery.
    private nonisolated(unsafe) var delays: [String: Double] = [:]
    private let steps: [DemoScenario.Step]

    init(site: Site, steps: [DemoScenario.Step]) {
        self.site = site
        self.steps = steps
        self.routes = RouteTable(routes: site.routes, destinations: site.uplinks.map(\.name), devices: site.devices)
    }

    func header(broker: String) {
        printLine("campus-gateway demo · site \(site.id) \(site.name)")
        printLine("  broker    \(broker) (private to this demo)")
        for device in site.devices {
            printLine("  device    \(pad(device.id, 16)) \(pad(device.profile.name, 16)) \(device.connection) unit \(device.unit)  \(device.location)")
        }
        for uplink in site.uplinks {
            printLine("  uplink    \(pad(uplink.name, 16)) \(uplink.topicPrefix)/#")
        }
        printLine("")
    }

    func step(_ step: DemoScenario.Step, at seconds: Double) {
        printLine("\(time(seconds))  ▶ \(step.narration)")
    }

    func stepStarted(_ index: Int, monotonic: UInt64) {
        lock.withLock { stepStarts[index] = monotonic }
    }

    func received(_ message: ReceivedMessage, at seconds: Double) {
        guard let uplink = site.uplinks.first(where: { message.topic.hasPrefix($0.topicPrefix + "/") }) else { return }
        let rest = message.topic.dropFirst(uplink.topicPrefix.count + 1)
        if rest == "status" {
            let state = (try? message.json())?["state"] as? String ?? "?"
            printLine("\(time(seconds))    \(pad(uplink.name, 10)) status \(state)\(message.retained ? " (retained)" : "")")
            return
        }
        guard rest.hasPrefix("events/"), let json = try? message.json() else { return }
        let device = json["device"] as? String ?? "?", kind = json["kind"] as? String ?? "?"
        let state = json["state"] as? String ?? "?", point = json["point"] as? String
        let seq = json["seq"] as? Int ?? 0, cid = json["cid"] as? String
        let marker = state == "active" ? "●" : "○"
        var line = "\(time(seconds))    \(pad(uplink.name, 10)) \(marker) \(pad(kind, 17)) \(pad(state, 8))"
        line += pad(point.map { "\(device)/\($0)" } ?? device, 24)
        if let cid { line += " cid \(cid)" }
        line += " seq \(seq)"
        if let delay = match(uplink: uplink.name, device: device, kind: kind, state: state, receivedAt: message.receivedAt) {
            line += String(format: "   +%.0f ms", delay)
        }
        printLine(line)
    }

    /// Prints the table of steps × uplinks and returns how many expected deliveries are missing.
    func summary() -> Int {
        var missing = 0, expected = 0
        printLine("")
        printLine("\(pad("step", 40)) " + site.uplinks.map { pad($0.name, 14) }.joined())
        for (index, step) in steps.enumerated() {
            var row = pad(step.narration, 40) + " "
            for uplink in site.uplinks {
                let key = "\(index)|\(uplink.name)"
                if !shouldReach(step, uplink: uplink.name) { row += pad("not routed", 14); continue }
                expected += 1
                if let delay = lock.withLock({ delays[key] }) {
                    row += pad(String(format: "%.0f ms", delay), 14)
                } else {
                    row += pad("MISSING", 14)
                    missing += 1
                }
            }
            printLine(row)
        }
        printLine("\(expected - missing) of \(expected) expected deliveries arrived.")
        return missing
    }

    private func shouldReach(_ step: DemoScenario.Step, uplink: String) -> Bool {
        // The severity the event will carry: the profile's for point events, major for device.*.
        let device = site.devices.first { $0.id == step.expectDevice }
        let severity = device?.profile.points.first { $0.event == step.expectKind }?.severity ?? .major
        let probe = Event(site: site.id, device: step.expectDevice, kind: step.expectKind, state: step.expectState, severity: severity, timestamp: 0)
        guard let index = routes.destinationNames.firstIndex(of: uplink) else { return false }
        return routes.destinations(for: probe).contains(uplink: index)
    }

    private func match(uplink: String, device: String, kind: String, state: String, receivedAt: UInt64) -> Double? {
        lock.withLock {
            for (index, step) in steps.enumerated().reversed() {
                guard let start = stepStarts[index], start <= receivedAt,
                      step.expectDevice == device, step.expectKind.rawValue == kind, step.expectState.rawValue == state
                else { continue }
                let key = "\(index)|\(uplink)"
                let delay = Double(receivedAt - start) / 1e6
                if delays[key] == nil { delays[key] = delay }
                return delay
            }
            return nil
        }
    }

    private func time(_ seconds: Double) -> String { String(format: "%6.2fs", seconds) }
    private func pad(_ s: String, _ n: Int) -> String { s.count >= n ? s + " " : s + String(repeating: " ", count: n - s.count) }
}
