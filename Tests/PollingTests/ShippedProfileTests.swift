import Foundation
import GatewayCore
import SiteConfig
import Testing

@testable import Polling

/// Every shipped profile against the simulator: each point shows up in the device's state
/// (with its event where it has one), and each command ends `done`.
@Suite("Shipped profiles", .timeLimit(.minutes(1)))
struct ShippedProfileTests {
    static let names = ["sos-button", "perimeter-8zone", "gate-controller", "bollard", "sounder-strobe", "guard-tour", "io-16x8"]

    static var root: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path
    }

    /// The profile as shipped, with every point in the device's poll group, no debounce and
    /// pulses shortened: this test is about what each point and command does, not about time.
    static func profile(_ name: String) throws -> DeviceProfile {
        var profile = try SiteLoader.loadProfile(path: "\(root)/DeviceProfiles/\(name).yaml")
        for i in profile.points.indices {
            profile.points[i].poll = nil
            profile.points[i].debounce = .zero
        }
        for i in profile.commands.indices where profile.commands[i].pulse != nil { profile.commands[i].pulse = .milliseconds(20) }
        return profile
    }

    @Test(arguments: names)
    func everyPointAndCommandWorks(_ name: String) async throws {
        let profile = try Self.profile(name)
        let rig = try PollingRig([PollingRig.device("dev", profile, PollingRig.tcp(15600), poll: .milliseconds(20))])
        try rig.start()
        try await rig.events.waitForState("dev") { $0.online }

        for point in profile.points {
            let mark = rig.events.events.count
            if point.mode == .counter {
                try rig.simulator.press(device: "dev", point: point.id)
                try await rig.events.next("\(point.id) counted", after: mark) { $0.point == point.id && $0.kind == point.event }
            } else if point.isBinary {
                try rig.simulator.press(device: "dev", point: point.id)
                try await rig.events.waitForState("dev") { $0.points.contains { $0.id == point.id && $0.value == .bool(true) } }
                if let kind = point.event {
                    let event = try await rig.events.next("\(point.id) active", after: mark) { $0.point == point.id && $0.state == .active }
                    #expect(event.kind == kind && event.contactID == (point.contactID ?? "") && event.severity == point.severity)
                }
                try rig.simulator.release(device: "dev", point: point.id)
                try await rig.events.waitForState("dev") { $0.points.contains { $0.id == point.id && $0.value == .bool(false) } }
            } else {
                let value = point.type == .f32 ? 182.5 : 2 * point.scale + point.offset
                try rig.simulator.set(device: "dev", point: point.id, value: value)
                try await rig.events.waitForState("dev") {
                    $0.points.contains { $0.id == point.id && abs(Self.number($0.value) - value) < 1e-6 }
                }
            }
        }

        for command in profile.commands {
            async let result = rig.execute("dev", command.id, argument: command.value == nil ? 1 : nil)
            if let check = command.check, let point = profile.points.first(where: { $0.id == check.point }),
               point.table != command.table || point.address != command.address
            {
                // Play the device: reach the state the command asks for, a little later.
                try await Task.sleep(for: .milliseconds(60))
                if point.isBinary {
                    if check.value == 1 {
                        try rig.simulator.press(device: "dev", point: point.id)
                    } else {
                        try rig.simulator.release(device: "dev", point: point.id)
                    }
                } else {
                    try rig.simulator.set(device: "dev", point: point.id, value: check.value)
                }
            }
            let outcome = await result.outcome
            #expect(outcome == .done, "\(name) \(command.id): \(outcome)")
            if command.pulse != nil, let written = profile.points.first(where: { $0.table == command.table && $0.address == command.address }) {
                // Pulsed back before the result.
                #expect(try rig.simulator.get(device: "dev", point: written.id) == Double(command.release))
            }
        }
        await rig.stop()
    }

    static func number(_ value: PointValue) -> Double {
        switch value {
        case .bool(let b): b ? 1 : 0
        case .int(let i): Double(i)
        case .double(let d): d
        }
    }
}
