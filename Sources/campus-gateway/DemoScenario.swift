import GatewayCore

/// The scripted school day the demo plays: each step changes a simulated input and names
/// the event a platform should receive because of it.
struct DemoScenario {
    enum Action {
        case press(device: String, point: String)
        case release(device: String, point: String)
        case unplug(device: String)
        case plug(device: String)
    }

    struct Step {
        /// Seconds after the gateway started.
        var at: Double
        var action: Action
        var narration: String
        /// The event this step should produce.
        var expectDevice: String
        var expectKind: EventKind
        var expectState: EventState
    }

    var steps: [Step]

    /// The default scenario for `examples/demo-site.yaml`.
    static let demoSchool = DemoScenario(steps: [
        Step(at: 2.0, action: .press(device: "gate-east-sos", point: "button"),
             narration: "SOS button pressed at the east gate", expectDevice: "gate-east-sos", expectKind: .emergency, expectState: .active),
        // An emergency latches until a reset command, so releasing the button publishes
        // nothing; the column's tamper switch shows a supervised input instead.
        Step(at: 4.0, action: .press(device: "gate-east-sos", point: "tamper"),
             narration: "SOS column opened (tamper)", expectDevice: "gate-east-sos", expectKind: .tamper, expectState: .active),
        Step(at: 6.0, action: .press(device: "perimeter-north", point: "zone3"),
             narration: "north wall zone 3 breached", expectDevice: "perimeter-north", expectKind: .intrusion, expectState: .active),
        Step(at: 8.0, action: .release(device: "perimeter-north", point: "zone3"),
             narration: "zone 3 back to normal", expectDevice: "perimeter-north", expectKind: .intrusion, expectState: .cleared),
        Step(at: 10.0, action: .press(device: "gate-east", point: "forced"),
             narration: "east gate forced open", expectDevice: "gate-east", expectKind: .gateForced, expectState: .active),
        Step(at: 12.0, action: .release(device: "gate-east", point: "forced"),
             narration: "east gate secured", expectDevice: "gate-east", expectKind: .gateForced, expectState: .cleared),
        Step(at: 14.0, action: .unplug(device: "bollard-east"),
             narration: "bollard controller unplugged", expectDevice: "bollard-east", expectKind: .deviceOffline, expectState: .active),
        Step(at: 19.0, action: .plug(device: "bollard-east"),
             narration: "bollard controller plugged back in", expectDevice: "bollard-east", expectKind: .deviceOnline, expectState: .cleared),
    ])

    /// Seconds the scenario needs, including time for the last event to arrive.
    var length: Double { (steps.last?.at ?? 0) + 3 }
}
