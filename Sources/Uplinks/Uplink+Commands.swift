import GatewayCore
import Logging

/// Commands from the platform: `{prefix}/commands` in, exactly one result each on
/// `{prefix}/commands/result`. Every refusal is also a `security.command_refused` event.
extension Uplink {
    /// Where authorised commands go (the bus workers) and where refusals are reported (the
    /// router). Without an executor every allowed command fails with a reason.
    public func attachCommands(executor: (any CommandExecutor)?, securityEvents: (any EventSink)?, lockdown: Lockdown) {
        lock.withLock {
            commandExecutor = executor
            self.securityEvents = securityEvents
            self.lockdown = lockdown
        }
    }

    /// On the client's network thread: quick checks, then a non-blocking hand-over.
    func receiveCommand(_ payload: [UInt8]) {
        let now = WallClock.nowMilliseconds()
        let started = WallClock.monotonicNanoseconds()
        let (verdict, executor, lockdown) = lock.withLock { (authority.authorise(payload, now: now), commandExecutor, self.lockdown) }
        let command: PlatformCommand
        switch verdict {
        case .failure(let refusal):
            // Name the command as far as it can be read.
            if let readable = try? PlatformCommand.parse(payload).get() {
                refuse(id: readable.id, target: readable.target, action: readable.action, refusal.description)
            } else {
                refuse(id: PlatformCommand.bestEffortID(payload), target: "", action: "", refusal.description)
            }
            return
        case .success(let accepted):
            command = accepted
        }
        logger.notice(
            "command accepted", metadata: ["command.id": .string(command.id), "command.action": .string(command.action), "command.target": .string(command.target)])
        let requests = command.action == "lockdown"
            ? lockdown.requests(commandID: command.id, origin: name)
            : [CommandRequest(id: command.id, device: command.target, command: command.action, argument: command.argument, origin: name)]
        guard let executor, !requests.isEmpty else {
            let reason = executor == nil ? "no device executor in this gateway" : "no gate or bollard on this site"
            queueResult(command, status: "failed", reason: reason, elapsed: .nanoseconds(Int64(WallClock.monotonicNanoseconds() - started)))
            return
        }
        let tally = CommandTally(steps: requests.count) { [weak self] failures, elapsed in
            self?.queueResult(command, status: failures.isEmpty ? "done" : "failed", reason: failures.joined(separator: "; "), elapsed: elapsed)
        }
        for request in requests { executor.execute(request) { tally.complete($0) } }
    }

    private func refuse(id: String, target: String, action: String, _ reason: String) {
        logger.warning("command refused", metadata: ["command.id": .string(id), "reason": .string(reason)])
        enqueueResult(CommandResultPayload.encode(
            site: siteID, id: id, target: target, action: action, status: "refused", reason: reason,
            timestamp: WallClock.nowMilliseconds(), elapsed: .zero))
        let sink = lock.withLock { securityEvents }
        sink?.submit(Event(
            site: siteID, device: "gateway", point: name, kind: "security.command_refused", state: .active, severity: .major,
            timestamp: WallClock.nowMilliseconds(), contactID: "461", detail: id.isEmpty ? reason : "command \(id): \(reason)"))
    }

    private func queueResult(_ command: PlatformCommand, status: String, reason: String, elapsed: Duration) {
        logger.notice("command finished", metadata: ["command.id": .string(command.id), "command.status": .string(status)])
        enqueueResult(CommandResultPayload.encode(
            site: siteID, id: command.id, target: command.target, action: command.action, status: status, reason: reason,
            timestamp: WallClock.nowMilliseconds(), elapsed: elapsed))
    }

    private func enqueueResult(_ payload: [UInt8]) {
        lock.withLock {
            pendingResults.append(payload)
            attention = true
        }
        lock.broadcast()
    }
}
