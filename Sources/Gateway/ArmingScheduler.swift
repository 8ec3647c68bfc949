import EventRouter
import GatewayCore
import Polling
import ServiceLifecycle

/// Applies the site's `arming:` timetable: each listed zone is armed while its schedule is
/// active and disarmed when it ends. States are applied at start and again at every
/// boundary; an arm or disarm command in between holds until the next boundary.
struct ArmingScheduler: Service {
    let timetable: ArmingTimetable
    let polling: PollingService
    /// Longest sleep between checks, so a wall-clock step (NTP, a manual change) is
    /// noticed within this long.
    var recheck: Duration = .seconds(60)

    func run() async throws {
        // A service group treats an early return as a failure: with nothing to do, wait.
        guard !timetable.rules.isEmpty else { return (try? await gracefulShutdown()) ?? () }
        await cancelWhenGracefulShutdown {
            var lastApplied: [String: Bool] = [:]
            while !Task.isCancelled {
                let now = WallClock.nowMilliseconds()
                for state in timetable.states(atMilliseconds: now) where lastApplied[state.zone] != state.armed {
                    polling.setArmed(state.armed, zone: state.zone, origin: state.origin)
                    lastApplied[state.zone] = state.armed
                }
                let untilBoundary = timetable.nextChange(afterMilliseconds: now).map { Duration.milliseconds(max(1, $0 - now)) }
                try? await Task.sleep(for: min(untilBoundary ?? recheck, recheck))
            }
        }
    }
}
