import GatewayCore
import Logging
import Modbus
import SiteConfig

/// Commands on the line: each step runs between routine polls, ahead of them.
extension BusLoop {
    /// The first command whose next step is due, keeping each device's commands in order.
    func dueCommand(_ now: UInt64) -> Int? {
        var busy = Set<Int>()
        for (i, command) in commands.enumerated() {
            guard busy.insert(command.device).inserted else { continue }
            if command.dueNs <= now { return i }
        }
        return nil
    }

    func runStep(_ index: Int) {
        var command = commands[index]
        let device = command.device
        let step = command.steps[command.next]
        let now = WallClock.monotonicNanoseconds()
        switch step {
        case .write(let value):
            guard let spec = command.spec else { break }
            do throws(ModbusError) {
                if spec.table == .coil {
                    try perform(device) { (client: ModbusClient) throws(ModbusError) in try client.writeCoil(address: spec.address, value: value != 0) }
                } else {
                    try perform(device) { (client: ModbusClient) throws(ModbusError) in try client.writeRegister(address: spec.address, value: UInt16(value)) }
                }
            } catch {
                return finish(index, .failed("write failed: \(Self.describe(error, timeout: trackers[device].device.timeout))"))
            }
        case .pause(let ns):
            command.next += 1
            command.dueNs = now + ns
            commands[index] = command
            return
        case .check(let point, let expected, let withinNs):
            let deadline = command.checkDeadlineNs ?? now + withinNs
            command.checkDeadlineNs = deadline
            let spec = trackers[device].device.profile.points[point]
            let seen: Double
            do throws(ModbusError) {
                seen = try read(device, spec)
            } catch {
                return finish(index, .failed("read-back of \(spec.id) failed: \(Self.describe(error, timeout: trackers[device].device.timeout))"))
            }
            if abs(seen - expected) > 1e-9 {
                let after = WallClock.monotonicNanoseconds()
                guard after < deadline else {
                    return finish(index, .failed("read-back: \(spec.id) is \(Self.format(seen)), expected \(Self.format(expected)) within \(withinNs / 1_000_000) ms"))
                }
                // Ask again soon; routine polls of the line go on meanwhile.
                command.dueNs = min(deadline, after + min(trackers[device].device.poll.nanoseconds, Self.checkRetryNs))
                commands[index] = command
                return
            }
        case .resetLatches:
            let outcome = trackers[device].resetLatches(origin: command.request.origin, nowMs: WallClock.nowMilliseconds())
            worker.emit(outcome, tracker: trackers[device], index: device)
        case .zone(let armed):
            worker.zones.set(armed, zone: trackers[device].device.zone, origin: command.request.origin)
        }
        command.next += 1
        command.dueNs = now
        commands[index] = command
        if command.isFinished { finish(index, .done) }
    }

    static let checkRetryNs: UInt64 = 100_000_000

    /// Reads one point now (a read-back), decoded as polls decode it; binary points give 1
    /// when active.
    private func read(_ device: Int, _ spec: PointSpec) throws(ModbusError) -> Double {
        let value: PointValue
        if spec.table.holdsBits {
            try perform(device) { (client: ModbusClient) throws(ModbusError) in try client.readBits(spec.table, address: spec.address, count: 1, into: &bits) }
            value = PointDecoder.decode(spec, bits: bits, offset: 0)
        } else {
            try perform(device) { (client: ModbusClient) throws(ModbusError) in try client.readRegisters(spec.table, address: spec.address, count: spec.span, into: &registers) }
            value = PointDecoder.decode(spec, registers: registers, offset: 0)
        }
        switch value {
        case .bool(let b): return b ? 1 : 0
        case .int(let i): return Double(i)
        case .double(let d): return d
        }
    }

    private func finish(_ index: Int, _ outcome: CommandResult.Outcome) {
        let command = commands.remove(at: index)
        let now = WallClock.monotonicNanoseconds()
        worker.updateStats { line, _, _ in
            if outcome == .done { line.commandsDone += 1 } else { line.commandsFailed += 1 }
        }
        command.finish(outcome, nowNs: now)
        // Poll the device at once, so its new state is published without waiting a period.
        for t in tasks.indices where tasks[t].device == command.device { tasks[t].dueNs = min(tasks[t].dueNs, now) }
        var metadata: Logger.Metadata = [
            "device.id": "\(command.request.device)", "command": "\(command.request.command)",
            "origin": "\(command.request.origin)", "result": "\(outcome == .done ? "done" : "failed")",
        ]
        if case .failed(let reason) = outcome { metadata["reason"] = "\(reason)" }
        worker.logger.notice("command", metadata: metadata)
    }

    func failAllCommands(_ reason: String) {
        let now = WallClock.monotonicNanoseconds()
        for command in commands { command.finish(.failed(reason), nowNs: now) }
        commands.removeAll()
    }

    static func format(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : String(value)
    }
}
