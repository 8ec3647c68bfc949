import Foundation
import Gateway
import GatewayTesting
import Testing

/// The sd_notify protocol, against a datagram socket the test binds, as systemd does.
@Suite struct SystemdNotifierTests {
    @Test func eachMessageArrivesAsOneDatagram() async throws {
        let socket = try NotifySocket()
        let notifier = SystemdNotifier(environment: ["NOTIFY_SOCKET": socket.path])
        #expect(notifier.isEnabled)
        notifier.ready(status: "3/3 devices online")
        notifier.status("reloading site")
        notifier.watchdog()
        notifier.reloading()
        notifier.stopping()
        #expect(await socket.next(timeout: .seconds(5)) == "READY=1\nSTATUS=3/3 devices online")
        #expect(await socket.next(timeout: .seconds(5)) == "STATUS=reloading site")
        #expect(await socket.next(timeout: .seconds(5)) == "WATCHDOG=1")
        let reloading = try #require(await socket.next(timeout: .seconds(5)))
        let fields = reloading.split(separator: "\n")
        #expect(fields.prefix(2) == ["RELOADING=1", "STATUS=reloading"])
        #expect(fields.count == 3 && fields[2].hasPrefix("MONOTONIC_USEC=") && UInt64(fields[2].dropFirst(15)) != nil)
        #expect(await socket.next(timeout: .seconds(5)) == "STOPPING=1\nSTATUS=stopping")
    }

    @Test func withoutNotifySocketNothingIsSent() {
        let notifier = SystemdNotifier(environment: [:])
        #expect(!notifier.isEnabled)
        #expect(!notifier.send("READY=1"))
        #expect(notifier.watchdogInterval == nil)
    }

    @Test func aSocketThatIsGoneIsNotAnError() throws {
        let notifier = SystemdNotifier(environment: ["NOTIFY_SOCKET": "/tmp/no-such-folder-\(UUID())/notify"])
        #expect(!notifier.send("READY=1"))
    }

    @Test func watchdogIntervalIsForThisProcessOnly() {
        let own = SystemdNotifier(environment: ["WATCHDOG_USEC": "20000000", "WATCHDOG_PID": "\(getpid())"])
        #expect(own.watchdogInterval == .seconds(20))
        let unnamed = SystemdNotifier(environment: ["WATCHDOG_USEC": "500000"])
        #expect(unnamed.watchdogInterval == .milliseconds(500))
        let other = SystemdNotifier(environment: ["WATCHDOG_USEC": "20000000", "WATCHDOG_PID": "\(getpid() + 1)"])
        #expect(other.watchdogInterval == nil)
        let off = SystemdNotifier(environment: ["WATCHDOG_USEC": "0"])
        #expect(off.watchdogInterval == nil)
    }
}
