import GatewayTesting
import StatusPage

/// What the reload tests do and read on a running daemon.
extension DaemonRig {
    /// Opens and closes the SOS column's tamper contact `times` times (the emergency button
    /// itself latches until a reset). Each state is held until the gateway has read it, so
    /// an event missing at the platform was lost on the way, not unseen by polling.
    func toggleTamper(times: Int) async throws {
        for _ in 0..<times {
            for open in [true, false] {
                if open {
                    try simulator.press(device: "gate-east-sos", point: "tamper")
                } else {
                    try simulator.release(device: "gate-east-sos", point: "tamper")
                }
                try await status("tamper \(open)") { status in
                    status.devices.first { $0.id == "gate-east-sos" }?.points.first { $0.id == "tamper" }?.value == .bool(open)
                }
            }
        }
    }

    func tamperEvents(prefix: String) -> [[String: Any]] {
        subscriber.messages(onTopic: "\(prefix)/events/gate-east-sos").compactMap { try? $0.json() }
            .filter { $0["kind"] as? String == "alarm.tamper" }
    }

    /// The retained status messages of one uplink, in the order the broker passed them on:
    /// `online` for each connection (birth), `offline` for each goodbye or last will.
    func statuses(prefix: String) -> [String] {
        subscriber.messages(onTopic: "\(prefix)/status").compactMap { try? $0.json()["state"] as? String }
    }

    /// Every event seq one uplink received, whatever the topic its route gave it.
    func seqs(prefix: String) -> [Int] {
        subscriber.messages.filter { $0.topic.hasPrefix("\(prefix)/events/") || $0.topic.hasPrefix("\(prefix)/alarms/") }
            .compactMap { try? $0.json()["seq"] as? Int }
    }
}
