import Foundation
@testable import Gateway
import GatewayCore
import GatewayTesting
import StatusPage
import Testing

/// The watchdog pings systemd only while every vital part answers its health check.
@Suite(.timeLimit(.minutes(1)))
struct WatchdogTests {
    /// A part the test can make sick, standing in for the journal.
    final class Switch: Sendable {
        private let lock = ConditionLock()
        private nonisolated(unsafe) var alive = true
        func set(_ value: Bool) { lock.withLock { alive = value } }
        var check: HealthCheck {
            HealthCheck(name: "journal") { [self] in
                lock.withLock { alive } ? HealthReport(name: "journal", alive: true)
                    : HealthReport(name: "journal", alive: false, detail: "no write for 12 s")
            }
        }
    }

    @Test func pingsStopWhileAPartIsNotAliveAndResumeAfter() async throws {
        let socket = try NotifySocket()
        let journal = Switch()
        let notifier = SystemdNotifier(environment: ["NOTIFY_SOCKET": socket.path, "WATCHDOG_USEC": "100000"])
        let rig = try await DaemonRig(notifier: notifier, healthChecks: [journal.check])
        #expect(await socket.next(timeout: .seconds(10)) { $0 == "WATCHDOG=1" } != nil)

        journal.set(false)
        let sick = await socket.next(timeout: .seconds(10)) { $0.hasPrefix("STATUS=not alive") }
        #expect(sick?.match == "STATUS=not alive: journal (no write for 12 s)")
        // The watchdog's next three ticks: no ping among them.
        var ticks: [String] = []
        while ticks.count < 3, let message = await socket.next(timeout: .seconds(10)) {
            if message == "WATCHDOG=1" || message.hasPrefix("STATUS=not alive") { ticks.append(message) }
        }
        #expect(ticks == Array(repeating: "STATUS=not alive: journal (no write for 12 s)", count: 3))
        let status = try await rig.client.status()
        #expect(status.health.contains(HealthReport(name: "journal", alive: false, detail: "no write for 12 s")))

        journal.set(true)
        #expect(await socket.next(timeout: .seconds(10)) { $0 == "WATCHDOG=1" } != nil)
        try await rig.stop()
    }

    @Test func aHandOverThatDoesNotReturnIsAStuckRouter() {
        var watch = HandOverWatch()
        #expect(watch.stuckFor(now: 100) == nil)
        watch.begin(at: 1_000)
        #expect(watch.stuckFor(now: 6_000) == 5_000)
        watch.begin(at: 2_000)
        watch.end(at: 3_000)
        #expect(watch.stuckFor(now: 4_000) == 1_000, "progress was made at 3000")
        watch.end(at: 3_500)
        #expect(watch.stuckFor(now: 9_000) == nil)
    }
}

/// The journal's liveness: behind and not moving is a hang; behind and moving is busy.
@Suite struct JournalProgressWatchTests {
    @Test func behindWithoutProgressIsStuckFromWhenItFellBehind() {
        var watch = JournalProgressWatch()
        #expect(watch.observe(stamped: 5, written: 5, now: 100) == nil, "caught up")
        #expect(watch.observe(stamped: 8, written: 5, now: 200) == 0, "behind since 200")
        #expect(watch.observe(stamped: 9, written: 5, now: 1_200) == 1_000)
        #expect(watch.observe(stamped: 9, written: 7, now: 1_300) == nil, "it wrote: busy, not hung")
        #expect(watch.observe(stamped: 9, written: 7, now: 2_300) == 1_000)
        #expect(watch.observe(stamped: 9, written: 9, now: 2_400) == nil)
        #expect(watch.observe(stamped: 9, written: 9, now: 99_000) == nil, "idle is alive")
    }
}
