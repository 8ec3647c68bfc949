import EventRouter
import GatewayCore

/// The gateway's one entry for commands from platforms: site-wide actions it carries out
/// itself (`drill` on target `site`), everything else on the device's line.
final class SiteCommands: CommandExecutor {
    /// The target platforms use for site-wide actions.
    static let siteTarget = "site"
    /// Minutes of drill when a `drill` command gives no argument.
    static let defaultDrillMinutes = 60.0

    private let router: EventRouter
    private let devices: any CommandExecutor

    init(router: EventRouter, devices: any CommandExecutor) {
        self.router = router
        self.devices = devices
    }

    func execute(_ request: CommandRequest, completion: @escaping @Sendable (CommandResult) -> Void) {
        guard request.device == Self.siteTarget else { return devices.execute(request, completion: completion) }
        func end(_ outcome: CommandResult.Outcome) { completion(CommandResult(request: request, outcome: outcome, elapsed: .zero)) }
        switch request.command {
        case "drill":
            // `argument`: minutes of drill; 0 ends a drill turned on by command.
            let minutes = request.argument ?? Self.defaultDrillMinutes
            guard minutes.isFinite, minutes >= 0, minutes <= 24 * 60 else {
                return end(.refused("drill takes 0–1440 minutes, got \(minutes)"))
            }
            if minutes == 0 {
                router.endDrill()
            } else {
                router.startDrill(untilMilliseconds: WallClock.nowMilliseconds() + Int64(minutes * 60_000))
            }
            end(.done)
        default:
            end(.refused("'\(request.command)' is not a site-wide action (site: lockdown, drill)"))
        }
    }
}
