import GatewayCore

/// What the kept parts (uplinks, journal) hold instead of a router: their security events,
/// the journal's health events and platform commands pass through it to the running
/// gateway's router and command executor. A reload holds it while the router is replaced,
/// so nothing reaches a router whose `seq` has already been handed on, and nothing is
/// lost: what arrives meanwhile goes to the new one, in order.
///
/// It starts held: the journal may report a damaged file before the first router exists.
final class ReloadRelay: EventSink, CommandExecutor {
    private enum Held {
        case event(Event)
        case command(CommandRequest, @Sendable (CommandResult) -> Void)
    }

    private let lock = ConditionLock()
    // Guarded by `lock`.
    private nonisolated(unsafe) var sink: (any EventSink)?
    private nonisolated(unsafe) var executor: (any CommandExecutor)?
    private nonisolated(unsafe) var held: [Held]? = []
    /// Hand-overs to the current router or executor still running: `hold` waits for them.
    private nonisolated(unsafe) var passing = 0

    func submit(_ event: Event) {
        let target = lock.withLock { () -> (any EventSink)? in
            guard held == nil, let sink = self.sink else {
                held?.append(.event(event))
                return nil
            }
            passing += 1
            return sink
        }
        guard let sink = target else { return }
        sink.submit(event)
        done()
    }

    /// Device states reach the uplinks from the router, never through here.
    func updateState(_ snapshot: DeviceSnapshot) {}

    func execute(_ request: CommandRequest, completion: @escaping @Sendable (CommandResult) -> Void) {
        let target = lock.withLock { () -> (any CommandExecutor)? in
            guard held == nil, let executor = self.executor else {
                held?.append(.command(request, completion))
                return nil
            }
            passing += 1
            return executor
        }
        guard let executor = target else { return }
        executor.execute(request, completion: completion)
        done()
    }

    /// From now on keeps what arrives; returns once nothing is still on its way to the
    /// current router (a hand-over is quick: the router only queues).
    func hold() {
        lock.withLock {
            if held == nil { held = [] }
            while passing > 0 { _ = lock.wait(untilMonotonic: nil) }
        }
    }

    /// Points at the new gateway's router and executor and hands them what was kept.
    func pass(to sink: any EventSink, executor: any CommandExecutor) {
        let kept = lock.withLock { () -> [Held] in
            self.sink = sink
            self.executor = executor
            defer { held = nil }
            return held ?? []
        }
        for item in kept {
            switch item {
            case .event(let event): sink.submit(event)
            case .command(let request, let completion): executor.execute(request, completion: completion)
            }
        }
    }

    private func done() {
        lock.withLock { passing -= 1 }
        lock.broadcast()
    }
}
