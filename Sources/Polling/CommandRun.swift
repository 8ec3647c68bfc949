import GatewayCore
import SiteConfig

/// One accepted command on its way through a line: the steps still to do and when the next
/// one is due. Waits (a pulse, read-back retries) are deadlines, not sleeps, so routine
/// polls of the line go on meanwhile.
struct CommandRun: Sendable {
    enum Step: Sendable, Equatable {
        case write(Int)
        case pause(UInt64)
        /// Read point `point` until it shows `expected`, for at most `withinNs`.
        case check(point: Int, expected: Double, withinNs: UInt64)
        /// Clear the device's latched emergencies.
        case resetLatches
        /// Arm or disarm the device's zone.
        case zone(armed: Bool)
    }

    let request: CommandRequest
    /// The profile's write, when the command has one (built-in `reset`, `arm` and `disarm` may not).
    let spec: CommandSpec?
    /// The device's index on its line.
    let device: Int
    let acceptedNs: UInt64
    let completion: @Sendable (CommandResult) -> Void
    var steps: [Step]
    var next = 0
    var dueNs: UInt64
    /// When the running check gives up; set when it starts.
    var checkDeadlineNs: UInt64?

    /// Built-in commands every device with the matching points understands.
    static let builtIn = ["reset", "arm", "disarm"]

    init(
        request: CommandRequest, spec: CommandSpec?, profile: DeviceProfile, device: Int, nowNs: UInt64,
        completion: @escaping @Sendable (CommandResult) -> Void
    ) {
        self.request = request
        self.spec = spec
        self.device = device
        self.acceptedNs = nowNs
        self.completion = completion
        self.dueNs = nowNs
        var steps: [Step] = []
        if let spec {
            let value = spec.value ?? Int(request.argument ?? 0)
            steps.append(.write(value))
            if let pulse = spec.pulse {
                steps.append(.pause(pulse.nanoseconds))
                steps.append(.write(spec.release))
            }
            if let check = spec.check, let point = profile.pointIndex(check.point) {
                steps.append(.check(point: point, expected: check.value, withinNs: check.within.nanoseconds))
            }
        }
        switch request.command {
        case "reset": steps.append(.resetLatches)
        case "arm": steps.append(.zone(armed: true))
        case "disarm": steps.append(.zone(armed: false))
        default: break
        }
        self.steps = steps
    }

    var isFinished: Bool { next >= steps.count }

    /// Ends the command: the one and only call of its completion.
    func finish(_ outcome: CommandResult.Outcome, nowNs: UInt64) {
        completion(CommandResult(request: request, outcome: outcome, elapsed: .nanoseconds(Int64(nowNs &- acceptedNs))))
    }

    /// Why `request` cannot be carried out on a device of `profile`, or nil when it can.
    static func refusal(_ request: CommandRequest, profile: DeviceProfile, hasZone: Bool) -> String? {
        let spec = profile.command(request.command)
        if spec == nil {
            switch request.command {
            case "reset" where profile.points.contains(where: \.latchesAlarm): break
            case "arm" where hasZone: break
            case "disarm" where hasZone: break
            default:
                let known = (profile.commands.map(\.id) + builtInNames(profile, hasZone: hasZone)).joined(separator: ", ")
                return "unknown command '\(request.command)' for a \(profile.name) (commands: \(known.isEmpty ? "none" : known))"
            }
        }
        guard let spec else {
            return request.argument == nil ? nil : "command '\(request.command)' takes no argument"
        }
        if spec.value != nil {
            return request.argument == nil ? nil : "command '\(request.command)' takes no argument"
        }
        guard let argument = request.argument else {
            return "command '\(request.command)' needs an argument (0–\(spec.maxValue))"
        }
        guard argument.isFinite, argument == argument.rounded(), argument >= 0, argument <= Double(spec.maxValue) else {
            return "argument \(argument) of '\(request.command)' must be a whole number 0–\(spec.maxValue)"
        }
        return nil
    }

    private static func builtInNames(_ profile: DeviceProfile, hasZone: Bool) -> [String] {
        var names: [String] = []
        if profile.points.contains(where: \.latchesAlarm), profile.command("reset") == nil { names.append("reset") }
        if hasZone {
            for name in ["arm", "disarm"] where profile.command(name) == nil { names.append(name) }
        }
        return names
    }
}
