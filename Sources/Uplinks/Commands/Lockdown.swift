import GatewayCore
import SiteConfig

/// What `lockdown` does on a site: close every gate and raise every bollard, as one device
/// command each: every device whose profile declares `close` (gates) or `raise` (bollards).
public struct Lockdown: Sendable, Equatable {
    /// The commands lockdown sends, in order of preference for a device that has both.
    public static let commands = ["close", "raise"]

    /// (device, command) in site order.
    public let steps: [(device: String, command: String)]

    public init(steps: [(device: String, command: String)]) {
        self.steps = steps
    }

    public init(site: Site) {
        steps = site.devices.compactMap { device in
            Self.commands.first { device.profile.command($0) != nil }.map { (device.id, $0) }
        }
    }

    func requests(commandID: String, origin: String) -> [CommandRequest] {
        steps.map { CommandRequest(id: "\(commandID)/\($0.device)", device: $0.device, command: $0.command, origin: origin) }
    }

    public static func == (lhs: Lockdown, rhs: Lockdown) -> Bool {
        lhs.steps.elementsEqual(rhs.steps) { $0.device == $1.device && $0.command == $1.command }
    }
}
