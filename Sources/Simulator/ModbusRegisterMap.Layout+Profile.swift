import GatewayCore
import Modbus
import SiteConfig

extension ModbusRegisterMap.Layout {
    /// The smallest tables that hold every point and command target of `profile`: per
    /// table, from its lowest item to the end of its highest one. Anything outside answers
    /// "illegal data address".
    init(profile: DeviceProfile) throws(SimulatorError) {
        self.init()
        var bounds: [ModbusTable: (low: Int, high: Int)] = [:]
        for point in profile.points {
            let end = point.address + point.span
            guard point.address >= 0, end <= 65536 else {
                throw SimulatorError(
                    "profile \(profile.name): point \(point.id) at \(point.table.rawValue) \(point.address) is outside 0…65535"
                )
            }
            let known = bounds[point.table] ?? (point.address, end)
            bounds[point.table] = (min(known.low, point.address), max(known.high, end))
        }
        for command in profile.commands {
            let known = bounds[command.table] ?? (command.address, command.address + 1)
            bounds[command.table] = (min(known.low, command.address), max(known.high, command.address + 1))
        }
        for (table, bound) in bounds { self[table] = bound.low..<bound.high }
    }
}
