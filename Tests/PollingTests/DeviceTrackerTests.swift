import GatewayCore
import SiteConfig
import Testing

@testable import Polling

@Suite struct DeviceTrackerTests {
    static let ms: UInt64 = 1_000_000

    func device(debounce: Duration = .zero, offlineAfter: Int = 3) -> DeviceConfig {
        let profile = DeviceProfile(name: "sos", sourceFile: "/p/sos.yaml", points: [
            PointSpec(id: "button", table: .discreteInput, address: 0, type: .bool, debounce: debounce,
                      event: .emergency, severity: .critical, contactID: "120"),
            PointSpec(id: "voltage", table: .inputRegister, address: 0, type: .u16),
        ])
        return DeviceConfig(id: "gate-sos", profile: profile, connection: .tcp(host: "127.0.0.1", port: 1502), unit: 1,
                            poll: .milliseconds(100), timeout: .milliseconds(200), offlineAfter: offlineAfter,
                            location: "东门", cameras: ["cam-1"])
    }

    @Test func firstReadPublishesStateWithoutEventsWhenQuiet() {
        var tracker = DeviceTracker(device: device(), siteID: "s1")
        let out = tracker.pollSucceeded(values: [.bool(false), .int(240)], nowNs: 0, nowMs: 1000)
        #expect(out.events.isEmpty)
        #expect(out.stateChanged)
        #expect(tracker.snapshot().online)
        #expect(tracker.snapshot().points.map(\.value) == [.bool(false), .int(240)])
    }

    @Test func alarmPresentAtFirstReadIsReported() {
        var tracker = DeviceTracker(device: device(), siteID: "s1")
        let out = tracker.pollSucceeded(values: [.bool(true), .int(240)], nowNs: 0, nowMs: 1000)
        #expect(out.events.map(\.kind) == [.emergency])
        #expect(out.events.first?.state == .active)
    }

    @Test func edgesProduceActiveThenClearedWithEveryField() {
        var tracker = DeviceTracker(device: device(), siteID: "s1")
        _ = tracker.pollSucceeded(values: [.bool(false), .int(240)], nowNs: 0, nowMs: 1000)
        let press = tracker.pollSucceeded(values: [.bool(true), .int(240)], nowNs: 100 * Self.ms, nowMs: 1100)
        #expect(press.events.count == 1)
        let e = press.events[0]
        #expect(e.site == "s1" && e.device == "gate-sos" && e.point == "button")
        #expect(e.kind == .emergency && e.state == .active && e.severity == .critical)
        #expect(e.timestamp == 1100 && e.location == "东门" && e.cameras == ["cam-1"] && e.contactID == "120")
        #expect(tracker.snapshot().activePoints == ["button"])
        let same = tracker.pollSucceeded(values: [.bool(true), .int(240)], nowNs: 200 * Self.ms, nowMs: 1200)
        #expect(same.events.isEmpty && !same.stateChanged)
        // An emergency latches: releasing the button clears nothing until a reset.
        let release = tracker.pollSucceeded(values: [.bool(false), .int(240)], nowNs: 300 * Self.ms, nowMs: 1300)
        #expect(release.events.isEmpty)
        #expect(tracker.snapshot().activePoints == ["button"])
        let reset = tracker.resetLatches(origin: "police", nowMs: 1400)
        #expect(reset.events.map(\.state) == [.cleared])
        #expect(reset.events.first?.detail == "reset by police")
        #expect(tracker.snapshot().activePoints.isEmpty)
    }

    @Test func telemetryChangesStateButRaisesNoEvent() {
        var tracker = DeviceTracker(device: device(), siteID: "s1")
        _ = tracker.pollSucceeded(values: [.bool(false), .int(240)], nowNs: 0, nowMs: 1000)
        let out = tracker.pollSucceeded(values: [.bool(false), .int(235)], nowNs: Self.ms, nowMs: 1001)
        #expect(out.events.isEmpty && out.stateChanged)
    }

    @Test func debounceIgnoresShortBlipsAndStampsTheFirstSighting() {
        var tracker = DeviceTracker(device: device(debounce: .milliseconds(250)), siteID: "s1")
        _ = tracker.pollSucceeded(values: [.bool(false), .int(0)], nowNs: 0, nowMs: 0)
        // A 100 ms blip: seen once, gone on the next poll.
        #expect(tracker.pollSucceeded(values: [.bool(true), .int(0)], nowNs: 100 * Self.ms, nowMs: 100).events.isEmpty)
        #expect(tracker.pollSucceeded(values: [.bool(false), .int(0)], nowNs: 200 * Self.ms, nowMs: 200).events.isEmpty)
        // Held: reported once it has held 250 ms, with the time it was first seen.
        #expect(tracker.pollSucceeded(values: [.bool(true), .int(0)], nowNs: 300 * Self.ms, nowMs: 300).events.isEmpty)
        #expect(tracker.pollSucceeded(values: [.bool(true), .int(0)], nowNs: 400 * Self.ms, nowMs: 400).events.isEmpty)
        let held = tracker.pollSucceeded(values: [.bool(true), .int(0)], nowNs: 550 * Self.ms, nowMs: 550)
        #expect(held.events.count == 1)
        #expect(held.events.first?.timestamp == 300)
    }

    @Test func offlineAfterNFailedPollsThenOnlineOnce() {
        var tracker = DeviceTracker(device: device(offlineAfter: 3), siteID: "s1")
        _ = tracker.pollSucceeded(values: [.bool(false), .int(1)], nowNs: 0, nowMs: 0)
        #expect(tracker.pollFailed(reason: "timeout", nowMs: 100).events.isEmpty)
        #expect(tracker.pollFailed(reason: "timeout", nowMs: 200).events.isEmpty)
        let third = tracker.pollFailed(reason: "timeout", nowMs: 300)
        #expect(third.events.map(\.kind) == [.deviceOffline])
        #expect(third.events.first?.detail == "timeout")
        #expect(third.events.first?.contactID == "381")
        #expect(tracker.isOffline)
        #expect(!tracker.snapshot().online && tracker.snapshot().error == "timeout")
        #expect(tracker.pollFailed(reason: "timeout", nowMs: 400).events.isEmpty)
        let back = tracker.pollSucceeded(values: [.bool(false), .int(1)], nowNs: 500 * Self.ms, nowMs: 500)
        #expect(back.events.map(\.kind) == [.deviceOnline])
        #expect(back.events.first?.state == .cleared)
        #expect(back.events.first?.contactID == "381")
        #expect(tracker.snapshot().online && !tracker.isOffline)
    }

    @Test func aFailureStreakShorterThanTheLimitIsSilent() {
        var tracker = DeviceTracker(device: device(offlineAfter: 3), siteID: "s1")
        _ = tracker.pollSucceeded(values: [.bool(false), .int(1)], nowNs: 0, nowMs: 0)
        _ = tracker.pollFailed(reason: "timeout", nowMs: 100)
        _ = tracker.pollFailed(reason: "timeout", nowMs: 200)
        let back = tracker.pollSucceeded(values: [.bool(false), .int(1)], nowNs: 300 * Self.ms, nowMs: 300)
        #expect(back.events.isEmpty)
        #expect(tracker.pollFailed(reason: "timeout", nowMs: 400).events.isEmpty)
    }

    @Test func deadAtStartIsReportedOffline() {
        var tracker = DeviceTracker(device: device(offlineAfter: 2), siteID: "s1")
        _ = tracker.pollFailed(reason: "connection refused", nowMs: 0)
        #expect(tracker.pollFailed(reason: "connection refused", nowMs: 100).events.map(\.kind) == [.deviceOffline])
    }

    @Test func changeWhileOfflineIsReportedOnReturn() {
        var tracker = DeviceTracker(device: device(offlineAfter: 1), siteID: "s1")
        _ = tracker.pollSucceeded(values: [.bool(false), .int(1)], nowNs: 0, nowMs: 0)
        _ = tracker.pollFailed(reason: "timeout", nowMs: 100)
        let back = tracker.pollSucceeded(values: [.bool(true), .int(1)], nowNs: 200 * Self.ms, nowMs: 200)
        #expect(back.events.map(\.kind) == [.deviceOnline, .emergency])
    }
}
