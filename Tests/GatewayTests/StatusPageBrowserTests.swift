import Foundation
import GatewayTesting
import Testing

/// The status page in a real headless Chromium, as a technician's phone shows it: a device
/// and an active alarm, and live updates that reach the page over server-sent events.
@Suite(.timeLimit(.minutes(2)))
struct StatusPageBrowserTests {
    static let chromium = HeadlessChromium.find()

    @Test(.enabled(if: chromium != nil || HeadlessChromium.isRequired, "chromium not installed (make deps installs it)"))
    func pageShowsDeviceAndActiveAlarmAndUpdatesLive() async throws {
        let chromium = try #require(Self.chromium, "CI=true needs chromium: make deps installs it")
        let rig = try await DaemonRig()
        try rig.simulator.press(device: "gate-east-sos", point: "button")
        try rig.simulator.press(device: "perimeter-north", point: "zone3")
        try await rig.status("both alarms") { $0.alarms.count == 2 && $0.onlineDeviceCount == 2 }

        // Two live updates, then the stream ends and the browser's network goes quiet.
        let dom = try await chromium.dumpDOM(rig.baseURL + "/?events=2")
        #expect(dom.contains("data-updates=\"2\""), "the page took two live updates")
        #expect(dom.contains("data-stream=\"ended\""))
        #expect(dom.contains("data-device=\"gate-east-sos\""))
        #expect(dom.contains("data-device=\"perimeter-north\""))
        #expect(dom.contains("data-alarm=\"gate-east-sos/button\""))
        #expect(dom.contains("alarm.emergency"))
        #expect(dom.contains("active for"))

        let directory = try TemporaryDirectory()
        let shot = directory.file("status-page.png")
        try await chromium.screenshot(rig.baseURL + "/?events=1", to: shot)
        let png = try Data(contentsOf: URL(fileURLWithPath: shot))
        #expect(png.starts(with: [0x89, 0x50, 0x4E, 0x47]), "a PNG")
        #expect(png.count > 10_000, "a rendered page, not a blank one")
        // `STATUS_PAGE_SCREENSHOT=docs/status-page.png` keeps it (make screenshot).
        if let keep = ProcessInfo.processInfo.environment["STATUS_PAGE_SCREENSHOT"] {
            try? FileManager.default.removeItem(atPath: keep)
            try FileManager.default.copyItem(atPath: shot, toPath: keep)
        }
        try await rig.stop()
    }
}
