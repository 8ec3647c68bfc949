import GatewayCore
import GatewayTesting
import Testing

/// Site-wide actions a platform may send: `drill` marks events until it ends; anything else
/// on target `site` is refused; device commands reach the device's line.
@Suite(.timeLimit(.minutes(1)))
struct SiteCommandsTests {
    func run(_ rig: GatewayRig, _ command: String, device: String = "site", argument: Double? = nil) async throws -> CommandResult {
        let box = ResultBox()
        rig.gateway.commands.execute(CommandRequest(id: "c-\(command)", device: device, command: command, argument: argument, origin: "police")) {
            box.set($0)
        }
        try await eventually("the \(command) result") { box.value != nil }
        return try #require(box.value)
    }

    @Test func drillMarksEventsUntilItIsEnded() async throws {
        let rig = try await GatewayRig(devices: [("fence", "perimeter-8zone")], poll: "50ms")
        try await rig.waitUntilOnline("fence")
        #expect(try await run(rig, "drill", argument: 5).outcome == .done)
        try rig.simulator.press(device: "fence", point: "tamper")
        let drilled = try await rig.next("events/fence") { $0["kind"] as? String == "alarm.tamper" && $0["state"] as? String == "active" }
        #expect(drilled["drill"] as? Bool == true)

        #expect(try await run(rig, "drill", argument: 0).outcome == .done)
        try rig.simulator.release(device: "fence", point: "tamper")
        let real = try await rig.next("events/fence") { $0["kind"] as? String == "alarm.tamper" && $0["state"] as? String == "cleared" }
        #expect(real["drill"] as? Bool == false)
        try await rig.stop()
    }

    @Test func otherSiteActionsAreRefusedAndDeviceCommandsReachTheLine() async throws {
        let rig = try await GatewayRig(devices: [("gate-sos", "sos-button")])
        try await rig.waitUntilOnline("gate-sos")
        let refused = try await run(rig, "open")
        #expect(refused.status == "refused" && refused.reason.contains("not a site-wide action"))
        #expect(try await run(rig, "drill", argument: -1).status == "refused")
        let unknown = try await run(rig, "open", device: "nowhere")
        #expect(unknown.status == "refused" && unknown.reason.contains("unknown device"))
        #expect(try await run(rig, "reset", device: "gate-sos").outcome == .done)
        try await rig.stop()
    }
}

/// Holds a command's result for the test task to read.
final class ResultBox: Sendable {
    private let lock = ConditionLock()
    private nonisolated(unsafe) var result: CommandResult?
    func set(_ value: CommandResult) { lock.withLock { result = value } }
    var value: CommandResult? { lock.withLock { result } }
}
