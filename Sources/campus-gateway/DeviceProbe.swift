import GatewayCore
import Modbus
import Polling
import SiteConfig

/// One read of one device with its profile, the way a bus worker reads it (same read plan,
/// same decoding), but once and in the foreground. Blocking: runs on the command's own
/// thread, never on Swift's cooperative pool.
struct DeviceProbe {
    let device: DeviceConfig

    struct Reading {
        var point: PointSpec
        var value: PointValue
    }

    struct Failure: Error, CustomStringConvertible {
        /// What the technician should read: "no answer within 500 ms", "connect: Connection refused".
        let description: String
    }

    /// Every point decoded, in profile order, and how long the whole read took.
    func read() throws(Failure) -> (readings: [Reading], elapsed: Duration) {
        let start = ContinuousClock.now
        let client: ModbusClient
        do throws(ModbusError) {
            client = try ModbusClient(connection: device.connection)
            try client.connect()
            try client.setUnit(device.unit)
        } catch {
            throw Failure(description: error.message)
        }
        defer { client.close() }
        client.setResponseTimeout(device.timeout)
        let specs = device.profile.points
        var values = [PointValue?](repeating: nil, count: specs.count)
        var bits: [UInt8] = []
        var registers: [UInt16] = []
        for request in RequestPlanner().plan(specs).requests {
            do throws(ModbusError) {
                if request.table.holdsBits {
                    try client.readBits(request.table, address: request.address, count: request.count, into: &bits)
                    for slot in request.slots { values[slot.point] = PointDecoder.decode(specs[slot.point], bits: bits, offset: slot.offset) }
                } else {
                    try client.readRegisters(request.table, address: request.address, count: request.count, into: &registers)
                    for slot in request.slots {
                        values[slot.point] = PointDecoder.decode(specs[slot.point], registers: registers, offset: slot.offset)
                    }
                }
            } catch {
                throw Failure(description: Self.describe(error, request: request, timeout: device.timeout))
            }
        }
        let readings = zip(specs, values).compactMap { spec, value in value.map { Reading(point: spec, value: $0) } }
        return (readings, ContinuousClock.now - start)
    }

    private static func describe(_ error: ModbusError, request: ReadPlan.Request, timeout: Duration) -> String {
        let what = "reading \(request.table.rawValue) \(request.address)–\(request.address + request.count - 1)"
        return switch error.kind {
        case .timeout: "no answer within \(timeout.milliseconds) ms (\(what))"
        case .exception(let code): "the device refused \(what): Modbus exception \(code) (\(error.message))"
        default: "\(what): \(error.message)"
        }
    }
}
