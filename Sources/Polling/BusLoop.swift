import GatewayCore
import Logging
import Modbus
import SiteConfig

/// The body of a bus thread: owns the `ModbusClient` and the per-device trackers, and is
/// never touched by any other thread (hence a plain, non-Sendable class).
final class BusLoop {
    private let worker: BusWorker
    private var client: ModbusClient?
    private var connected = false
    private var reconnectAtNs: UInt64 = 0
    private var backoffNs: UInt64 = BusLoop.initialBackoffNs
    private var connectError = ""

    private var trackers: [DeviceTracker]
    private let plans: [ReadPlan]
    private var nextDueNs: [UInt64]
    private var values: [[PointValue]]
    private var bits: [UInt8] = []
    private var registers: [UInt16] = []

    static let initialBackoffNs: UInt64 = 100_000_000
    static let offlineProbeNs: UInt64 = 2_000_000_000
    static let maxBackoffNs: UInt64 = 5_000_000_000

    init(worker: BusWorker) {
        self.worker = worker
        let devices = worker.devices
        trackers = devices.map { DeviceTracker(device: $0, siteID: worker.workerSiteID) }
        plans = devices.map { worker.workerPlanner.plan($0.profile.points) }
        let now = WallClock.monotonicNanoseconds()
        // Spread first polls over a few ms so devices on one bus do not start in lockstep.
        nextDueNs = devices.indices.map { now + UInt64($0) * 1_000_000 }
        values = devices.map { Array(repeating: PointValue.bool(false), count: $0.profile.points.count) }
        bits.reserveCapacity(2000)
        registers.reserveCapacity(125)
    }

    func run() {
        defer { client?.close() }
        guard !trackers.isEmpty else { return }
        while !worker.shouldStop {
            var index = 0
            for i in nextDueNs.indices where nextDueNs[i] < nextDueNs[index] { index = i }
            let due = nextDueNs[index]
            if WallClock.monotonicNanoseconds() < due {
                guard worker.sleep(untilMonotonic: due) else { break }
                continue
            }
            poll(index)
            // An offline device is only probed, not polled at full rate: on a shared bus each
            // probe costs a whole response timeout that the live devices would wait out.
            var interval = trackers[index].device.poll.nanoseconds
            if trackers[index].isOffline { interval = max(interval, Self.offlineProbeNs) }
            let now = WallClock.monotonicNanoseconds()
            nextDueNs[index] = due + interval
            // Fallen behind (slow bus, long outage): skip the missed polls instead of bursting.
            if nextDueNs[index] <= now { nextDueNs[index] = now + interval }
        }
    }

    private func poll(_ index: Int) {
        let device = trackers[index].device
        guard ensureConnected() else {
            fail(index, reason: "not connected: \(connectError)")
            return
        }
        guard let client else { return }
        do throws(ModbusError) {
            try client.setUnit(device.unit)
            client.setResponseTimeout(device.timeout)
            let specs = device.profile.points
            for request in plans[index].requests {
                // A long read plan on a slow device must not hold up shutdown.
                if worker.shouldStop { return }
                if request.table.holdsBits {
                    try client.readBits(request.table, address: request.address, count: request.count, into: &bits)
                    for slot in request.slots {
                        values[index][slot.point] = PointDecoder.decode(specs[slot.point], bits: bits, offset: slot.offset)
                    }
                } else {
                    try client.readRegisters(request.table, address: request.address, count: request.count, into: &registers)
                    for slot in request.slots {
                        values[index][slot.point] = PointDecoder.decode(specs[slot.point], registers: registers, offset: slot.offset)
                    }
                }
            }
        } catch {
            if error.kind == .connection {
                // The link itself broke: reconnect on the next poll of any device here.
                client.close()
                connected = false
                connectError = error.message
                reconnectAtNs = 0
            }
            fail(index, reason: Self.describe(error, timeout: device.timeout))
            return
        }
        let outcome = trackers[index].pollSucceeded(
            values: values[index], nowNs: WallClock.monotonicNanoseconds(), nowMs: WallClock.nowMilliseconds())
        worker.emit(outcome, tracker: trackers[index])
    }

    private func fail(_ index: Int, reason: String) {
        let outcome = trackers[index].pollFailed(reason: reason, nowMs: WallClock.nowMilliseconds())
        worker.emit(outcome, tracker: trackers[index])
    }

    /// Connects when due. Backoff doubles per failed attempt up to 5 s; the devices keep
    /// failing polls meanwhile, so `device.offline` still comes after `offline_after` polls.
    private func ensureConnected() -> Bool {
        if connected { return true }
        let now = WallClock.monotonicNanoseconds()
        guard now >= reconnectAtNs else { return false }
        do throws(ModbusError) {
            if client == nil { client = try ModbusClient(connection: worker.connection) }
            try client?.connect()
            connected = true
            if !connectError.isEmpty {
                worker.workerLogger.notice("bus connected")
            }
            connectError = ""
            backoffNs = Self.initialBackoffNs
            return true
        } catch {
            if connectError != error.message {
                worker.workerLogger.warning("bus connect failed", metadata: ["reason": "\(error.message)"])
            }
            connectError = error.message
            reconnectAtNs = now + backoffNs
            backoffNs = min(backoffNs * 2, Self.maxBackoffNs)
            return false
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
