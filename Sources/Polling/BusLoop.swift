import GatewayCore
import Logging
import Modbus
import SiteConfig

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The body of a bus thread: owns the `ModbusClient`, the per-device trackers, the poll
/// schedule and the commands in progress, and is never touched by any other thread (hence a
/// plain, non-Sendable class).
///
/// Scheduling, in order: a due command step; then the due alarm group with the earliest
/// deadline (a group starved for two of its intervals counts as one); then any other due
/// group. A group's next deadline is its previous one plus its
/// interval, so nothing drifts with poll duration; a deadline already past is skipped, not
/// bunched. On a saturated line alarm groups thus keep their rate and slow groups wait.
final class BusLoop {
    struct Task {
        var device: Int
        var group: Int
        var dueNs: UInt64
        var isAlarm: Bool
        var intervalNs: UInt64

        /// Alarm groups go first; any other group goes first too once it has waited two of
        /// its intervals, so a line saturated by alarm groups alone still reads (and can
        /// report offline) its other devices, at half their rate or less.
        func isUrgent(_ now: UInt64) -> Bool {
            isAlarm || now &- dueNs >= 2 * intervalNs
        }
    }

    let worker: BusWorker
    var client: ModbusClient?
    /// The link is up as far as we know (no connection error since the last connect).
    var connected = false
    var reconnectAtNs: UInt64 = 0
    var backoffNs: UInt64 = BusLoop.initialBackoffNs
    var connectError = ""

    var trackers: [DeviceTracker]
    let groups: [[PollGroup]]
    /// Per device, how to decode each point (shared by devices of one profile).
    let decodings: [[PointDecoding]]
    var values: [[PointValue]]
    var tasks: [Task]
    var commands: [CommandRun] = []
    var pacer: LinePacer
    var bits: [UInt8] = []
    var registers: [UInt16] = []
    private let hasIntrusion: [Bool]
    private var windowStartNs: UInt64
    private var windowBusyNs: UInt64 = 0

    static let initialBackoffNs: UInt64 = 100_000_000
    static let offlineProbeNs: UInt64 = 2_000_000_000
    static let maxBackoffNs: UInt64 = 5_000_000_000
    static let utilisationWindowNs: UInt64 = 5_000_000_000
    static let utilisationMinimumNs: UInt64 = 1_000_000_000

    init(worker: BusWorker) {
        self.worker = worker
        let devices = worker.devices
        trackers = devices.map {
            DeviceTracker(device: $0, siteID: worker.siteID, restored: worker.store?.restored(device: $0.id) ?? [:])
        }
        groups = devices.map(PollGroup.groups(of:))
        decodings = PointDecoding.table(for: devices)
        let now = WallClock.monotonicNanoseconds()
        var tasks: [Task] = []
        for (d, deviceGroups) in groups.enumerated() {
            for (g, group) in deviceGroups.enumerated() {
                // Spread first polls over a few ms so devices on one bus do not start in lockstep.
                tasks.append(Task(
                    device: d, group: g, dueNs: now + UInt64(d) * 1_000_000, isAlarm: group.isAlarm,
                    intervalNs: group.interval.nanoseconds
                ))
            }
        }
        self.tasks = tasks
        values = devices.map { Array(repeating: PointValue.bool(false), count: $0.profile.points.count) }
        hasIntrusion = devices.map { $0.profile.points.contains(where: \.needsArming) }
        pacer = LinePacer(connection: worker.connection)
        windowStartNs = now
        bits.reserveCapacity(2000)
        registers.reserveCapacity(125)
    }

    func run() {
        defer {
            client?.close()
            failAllCommands("the gateway is stopping")
            worker.store?.flush()
        }
        guard !trackers.isEmpty else { return }
        while !worker.shouldStop {
            commands += worker.takeCommands()
            worker.store?.flushIfDue()
            let now = WallClock.monotonicNanoseconds()
            if let command = dueCommand(now) {
                let started = now
                runStep(command)
                noteBusy(WallClock.monotonicNanoseconds() &- started)
                continue
            }
            guard let index = dueTask(now) else {
                guard worker.sleep(untilMonotonic: nextWakeNs()) else { break }
                noteBusy(0)
                continue
            }
            let started = now
            runTask(index)
            noteBusy(WallClock.monotonicNanoseconds() &- started)
        }
    }

    /// The due task to run now: urgent ones (alarm groups, and groups starved for two
    /// intervals) first, earliest deadline first within each kind.
    private func dueTask(_ now: UInt64) -> Int? {
        var best: Int?
        var bestUrgent = false
        for i in tasks.indices where tasks[i].dueNs <= now {
            let urgent = tasks[i].isUrgent(now)
            guard let b = best else {
                best = i
                bestUrgent = urgent
                continue
            }
            if (urgent && !bestUrgent) || (urgent == bestUrgent && tasks[i].dueNs < tasks[b].dueNs) {
                best = i
                bestUrgent = urgent
            }
        }
        return best
    }

    private func nextWakeNs() -> UInt64 {
        var wake = tasks.map(\.dueNs).min() ?? UInt64.max
        for command in commands { wake = min(wake, command.dueNs) }
        return wake
    }

    private func runTask(_ index: Int) {
        let task = tasks[index]
        let group = groups[task.device][task.group]
        var interval = group.interval.nanoseconds
        // An offline device is only probed, through its first group, not polled at full
        // rate: on a shared bus each probe costs a whole response timeout that the live
        // devices would wait out.
        if trackers[task.device].isOffline {
            interval = max(interval, Self.offlineProbeNs)
            if task.group == 0 { poll(task.device, group: group) }
        } else {
            poll(task.device, group: group)
        }
        let (next, missed) = Self.nextDeadline(after: task.dueNs, interval: interval, now: WallClock.monotonicNanoseconds())
        if missed > 0 { worker.updateStats { line, _, _ in line.skippedPolls += missed } }
        tasks[index].dueNs = next
    }

    /// The deadline after `due`: one interval later, so the schedule never drifts with the
    /// time polls take. When that is already past (a saturated line, a long outage), the
    /// missed polls are skipped, not bunched: the next one is an interval from now.
    static func nextDeadline(after due: UInt64, interval: UInt64, now: UInt64) -> (next: UInt64, missed: UInt64) {
        let next = due + interval
        guard next <= now else { return (next, 0) }
        return (now + interval, (now - next) / interval + 1)
    }

    /// Reads one poll group of a device and hands the values to its tracker.
    private func poll(_ index: Int, group: PollGroup) {
        let device = trackers[index].device
        let decoding = decodings[index]
        // When the last answer arrived: the events' `observedAt`, before any decoding.
        var answeredNs: UInt64 = 0
        do throws(ModbusError) {
            for request in group.plan.requests {
                // A long read plan on a slow device must not hold up shutdown.
                if worker.shouldStop { return }
                if request.table.holdsBits {
                    try perform(index) { (client: ModbusClient) throws(ModbusError) in
                        try client.readBits(request.table, address: request.address, count: request.count, into: &bits)
                    }
                    answeredNs = WallClock.monotonicNanoseconds()
                    for slot in request.slots {
                        values[index][slot.point] = PointDecoder.decode(decoding[slot.point], bits: bits, offset: slot.offset)
                    }
                } else {
                    try perform(index) { (client: ModbusClient) throws(ModbusError) in
                        try client.readRegisters(request.table, address: request.address, count: request.count, into: &registers)
                    }
                    answeredNs = WallClock.monotonicNanoseconds()
                    for slot in request.slots {
                        values[index][slot.point] = PointDecoder.decode(decoding[slot.point], registers: registers, offset: slot.offset)
                    }
                }
            }
        } catch {
            fail(index, error: error)
            return
        }
        let armed = hasIntrusion[index] ? worker.zones.isArmed(device.zone) : true
        let nowMs = WallClock.nowMilliseconds()
        let nowNs = answeredNs == 0 ? WallClock.monotonicNanoseconds() : answeredNs
        let outcome = trackers[index].pollSucceeded(values: values[index], points: group.points, nowNs: nowNs, nowMs: nowMs, armed: armed)
        worker.emit(outcome, tracker: trackers[index], index: index)
        worker.updateStats { line, devices, _ in
            line.polls += 1
            devices[index].polls += 1
            devices[index].lastPollMs = nowMs
            devices[index].failedPolls = 0
        }
        for point in outcome.latchesToClear { clearLatch(index, point: point) }
    }

    /// Writes a latched point's inactive level back, so the device can latch the next press.
    private func clearLatch(_ index: Int, point: Int) {
        let spec = trackers[index].device.profile.points[point]
        let inactive = spec.active == .low
        do throws(ModbusError) {
            if spec.table == .coil {
                try perform(index) { (client: ModbusClient) throws(ModbusError) in try client.writeCoil(address: spec.address, value: inactive) }
            } else if let bit = spec.bit {
                // A bit of a holding register: read it fresh so the other bits stay as they are.
                try perform(index) { (client: ModbusClient) throws(ModbusError) in try client.readRegisters(.holdingRegister, address: spec.address, count: 1, into: &registers) }
                var word = registers[0]
                if inactive { word |= 1 << bit } else { word &= ~(1 << bit) }
                try perform(index) { (client: ModbusClient) throws(ModbusError) in try client.writeRegister(address: spec.address, value: word) }
            }
        } catch {
            // Counted with the line's faults; the next poll reads the latch again and retries.
            worker.logger.warning("cannot clear latch", metadata: ["device.id": "\(trackers[index].device.id)", "point.id": "\(spec.id)", "reason": "\(error.message)"])
        }
    }

    func fail(_ index: Int, error: ModbusError) {
        let device = trackers[index].device
        let fault = FaultKind(error)
        let reason = Self.describe(error, timeout: device.timeout)
        let outcome = trackers[index].pollFailed(reason: reason, fault: fault, nowMs: WallClock.nowMilliseconds())
        worker.emit(outcome, tracker: trackers[index], index: index)
        let failed = trackers[index].failedPolls
        worker.updateStats { line, devices, _ in
            line.polls += 1
            line.failedPolls += 1
            devices[index].polls += 1
            devices[index].failedPolls = failed
        }
    }

    /// Adds talking time; the utilisation is the busy share of the current window once it
    /// is a second old, and the window starts again every 5 s.
    private func noteBusy(_ ns: UInt64) {
        windowBusyNs += ns
        let now = WallClock.monotonicNanoseconds()
        let elapsed = now &- windowStartNs
        var utilisation: Double?
        if elapsed >= Self.utilisationMinimumNs {
            utilisation = min(1, Double(windowBusyNs) / Double(elapsed))
        }
        if elapsed >= Self.utilisationWindowNs {
            windowStartNs = now
            windowBusyNs = 0
        }
        worker.updateStats { line, _, _ in
            line.busyNanoseconds += ns
            if let utilisation { line.utilisation = utilisation }
        }
    }

    static func describe(_ error: ModbusError, timeout: Duration) -> String {
        switch error.kind {
        case .timeout: "no answer within \(timeout.milliseconds) ms"
        case .exception(let code): "Modbus exception \(code): \(error.message)"
        default: error.message
        }
    }
}
