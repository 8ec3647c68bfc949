import GatewayCore
import SiteConfig

/// Profiles built in code for the polling tests: one point of every behaviour, and one
/// command of every shape.
enum TestProfiles {
    static let panel = DeviceProfile(
        name: "test-panel", sourceFile: "/profiles/test-panel.yaml",
        points: [
            PointSpec(id: "button", table: .discreteInput, address: 0, type: .bool, event: .emergency, severity: .critical, contactID: "120"),
            PointSpec(id: "zone1", table: .discreteInput, address: 1, type: .bool, event: .intrusion, severity: .major, contactID: "131"),
            PointSpec(id: "tamper", table: .discreteInput, address: 2, type: .bool, event: .tamper, severity: .major, contactID: "137"),
            PointSpec(id: "siren", table: .coil, address: 0, type: .bool),
            PointSpec(id: "panic", table: .coil, address: 1, type: .bool, event: "alarm.panic", severity: .major, mode: .latched),
            PointSpec(id: "presses", table: .inputRegister, address: 0, type: .u16, event: "patrol.checkpoint", severity: .info, mode: .counter),
            PointSpec(id: "voltage", table: .inputRegister, address: 1, type: .u16, poll: .seconds(1)),
        ],
        commands: [
            CommandSpec(id: "siren_on", table: .coil, address: 0, value: 1, check: .init(point: "siren", value: 1, within: .seconds(1))),
            CommandSpec(id: "siren_off", table: .coil, address: 0, value: 0, check: .init(point: "siren", value: 0, within: .seconds(1))),
            CommandSpec(id: "strobe", table: .coil, address: 2, value: 1, pulse: .milliseconds(100)),
            CommandSpec(id: "gate_open", table: .coil, address: 3, value: 1, check: .init(point: "tamper", value: 1, within: .milliseconds(300))),
            CommandSpec(id: "volume", table: .holdingRegister, address: 5, value: nil),
            CommandSpec(id: "barrier_up", table: .coil, address: 3, value: 1, check: .init(point: "zone1", value: 1, within: .seconds(10))),
        ],
        chattering: .init(changes: 3, within: .seconds(5))
    )
}
