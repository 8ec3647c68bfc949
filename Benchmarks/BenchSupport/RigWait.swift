import GatewayTesting

/// The waits every process-level benchmark makes while its rig comes up: each step checks
/// for Ctrl-C and for a child process that died, so a broken rig fails fast with its reason.
public enum RigWait {
    /// The simulator listens on its control port once every device is served.
    public static func control(port: Int, simulator: Spawned, timeout: Duration = .seconds(60)) async throws -> ControlClient {
        let deadline = ContinuousClock.now + timeout
        while true {
            try Interrupt.check()
            if let client = ControlClient(port: port) {
                try client.send("help")
                return client
            }
            try simulator.requireRunning()
            guard ContinuousClock.now < deadline else { throw BenchError("the simulator's control port \(port) did not open within \(timeout)") }
            try await Task.sleep(for: .milliseconds(20))
        }
    }

    /// Waits until every device of `stateTopics` (state topic → device id) has a state
    /// message with `online: true` as its latest.
    public static func untilOnline(
        stateTopics: [String: String], subscriber: TestSubscriber, rig: [Spawned], timeout: Duration
    ) async throws {
        let deadline = ContinuousClock.now + timeout
        var online = Set<String>()
        var cursor = 0
        while online.count < stateTopics.count {
            try Interrupt.check()
            let messages = subscriber.messages
            for message in messages[cursor...] {
                guard let device = stateTopics[message.topic], let json = try? message.json() else { continue }
                if json["online"] as? Bool == true { online.insert(device) } else { online.remove(device) }
            }
            cursor = messages.count
            for process in rig { try process.requireRunning() }
            guard ContinuousClock.now < deadline else {
                throw BenchError("only \(online.count) of \(stateTopics.count) devices online before the deadline")
            }
            try await Task.sleep(for: .milliseconds(20))
        }
    }

    /// Sleeps `duration` while watching the rig.
    public static func pause(_ duration: Duration, rig: [Spawned]) async throws {
        let deadline = ContinuousClock.now + duration
        while ContinuousClock.now < deadline {
            try Interrupt.check()
            for process in rig { try process.requireRunning() }
            try await Task.sleep(for: .milliseconds(50))
        }
    }
}
