import GatewayCore
import Modbus
import SiteConfig

/// One device of the site as the simulator serves it: its tables, and the server (shared
/// with the other devices on the same endpoint) that answers as its unit.
struct SimulatedDevice: Sendable {
    let config: DeviceConfig
    let map: ModbusRegisterMap
    let server: ModbusServer

    var id: String { config.id }
    var unit: Int { config.unit }

    func point(_ id: String) throws(SimulatorError) -> PointSpec {
        guard let point = config.profile.points.first(where: { $0.id == id }) else {
            let known = config.profile.points.map(\.id).joined(separator: ", ")
            throw SimulatorError("device \(config.id) has no point '\(id)' (points: \(known))")
        }
        return point
    }

    /// Writes an encoded value at the point's address.
    func write(_ encoding: PointEncoder.Encoding, at point: PointSpec) throws(SimulatorError) {
        do throws(ModbusError) {
            switch encoding {
            case .bit(let level):
                try map.setBits(point.table, address: point.address, [level])
            case .registerBit(let bit, let level):
                try map.modifyRegister(point.table, address: point.address) { register in
                    if level { register |= 1 << bit } else { register &= ~(1 << bit) }
                }
            case .registers(let words):
                try map.setRegisters(point.table, address: point.address, words)
            }
        } catch {
            throw SimulatorError("device \(config.id), point \(point.id): \(error.message)")
        }
    }

    /// The point's current value, decoded as the gateway would.
    func read(_ point: PointSpec) throws(SimulatorError) -> Double {
        do throws(ModbusError) {
            if point.table.holdsBits {
                let level = try map.bits(point.table, address: point.address, count: 1)[0]
                return PointEncoder.decode(level: level, for: point)
            }
            let registers = try map.registers(point.table, address: point.address, count: point.type.registerCount)
            if point.type == .bit {
                return PointEncoder.decode(level: registers[0] & (1 << (point.bit ?? 0)) != 0, for: point)
            }
            if point.type == .bool {
                return PointEncoder.decode(level: registers[0] != 0, for: point)
            }
            return PointEncoder.decode(registers: registers, for: point)
        } catch {
            throw SimulatorError("device \(config.id), point \(point.id): \(error.message)")
        }
    }
}
