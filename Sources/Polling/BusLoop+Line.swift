import GatewayCore
import Modbus

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The line itself: connecting with backoff, pacing, and one request with its accounting.
extension BusLoop {
    /// One request to device `index`: connects if needed, waits out the line's pacing,
    /// selects the unit, and records the answer's latency or the fault.
    func perform(_ index: Int, _ body: (ModbusClient) throws(ModbusError) -> Void) throws(ModbusError) {
        let device = trackers[index].device
        let client = try ensureConnected()
        let start = pacer.earliestStart(unit: device.unit, profile: device.profile)
        pause(untilNs: start)
        do throws(ModbusError) {
            try client.setUnit(device.unit)
            client.setResponseTimeout(device.timeout)
            try body(client)
            let took = client.lastRequestDuration.nanoseconds
            pacer.finished(unit: device.unit, atNs: WallClock.monotonicNanoseconds())
            worker.updateStats { line, _, _ in
                line.requests += 1
                line.latency.record(nanoseconds: took)
                if took > device.timeout.nanoseconds / 2 { line.slowAnswers += 1 }
            }
        } catch {
            pacer.finished(unit: device.unit, atNs: WallClock.monotonicNanoseconds())
            let fault = FaultKind(error)
            worker.updateStats { line, devices, _ in
                line.requests += 1
                line.faults[fault, default: 0] += 1
                devices[index].faults[fault, default: 0] += 1
            }
            if error.kind == .connection {
                // The link itself broke: reconnect (with backoff) before the next request.
                client.close()
                connected = false
                connectError = error.message
                reconnectAtNs = 0
                worker.updateStats { line, _, _ in line.connected = false }
            }
            throw error
        }
    }

    /// Sleeps until `deadline` unless asked to stop; commands arriving meanwhile wait.
    func pause(untilNs deadline: UInt64) {
        while WallClock.monotonicNanoseconds() < deadline {
            guard worker.sleep(untilMonotonic: deadline) else { return }
            // A command woke us early; it is taken after this request.
            if WallClock.monotonicNanoseconds() < deadline { usleep(200) }
        }
    }

    /// The client, connected. A connect is attempted when due: backoff doubles per failed
    /// attempt up to 5 s; the devices keep failing polls meanwhile, so `device.offline` still
    /// comes after `offline_after` polls. A TCP connection dropped after a timeout (so that a
    /// late answer cannot be misread) is opened again at once.
    func ensureConnected() throws(ModbusError) -> ModbusClient {
        if connected, let client, client.isConnected { return client }
        let now = WallClock.monotonicNanoseconds()
        guard connected || now >= reconnectAtNs else {
            throw ModbusError(kind: .connection, errno: ENOTCONN, message: "not connected: \(connectError)")
        }
        do throws(ModbusError) {
            if client == nil { client = try ModbusClient(connection: worker.connection) }
            try client!.connect()
            pacer.connected(atNs: WallClock.monotonicNanoseconds())
            if !connected {
                connected = true
                if !connectError.isEmpty { worker.logger.notice("bus connected") }
                connectError = ""
                backoffNs = Self.initialBackoffNs
                worker.updateStats { line, _, _ in line.connected = true }
            }
            return client!
        } catch {
            if connectError != error.message {
                worker.logger.warning("bus connect failed", metadata: ["reason": "\(error.message)"])
            }
            connected = false
            connectError = error.message
            worker.updateStats { line, _, _ in
                line.faults[.connection, default: 0] += 1
                line.connected = false
            }
            reconnectAtNs = now + backoffNs
            backoffNs = min(backoffNs * 2, Self.maxBackoffNs)
            throw ModbusError(kind: .connection, errno: error.errno, message: "not connected: \(error.message)")
        }
    }
}
