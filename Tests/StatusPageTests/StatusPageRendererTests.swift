import Testing
@testable import StatusPage

@Suite struct StatusPageRendererTests {
    @Test func pageShowsDevicesAlarmsAndUplinks() {
        let html = StatusPageRenderer().page(StatusFixture.status())
        #expect(html.contains("data-device=\"gate-east-sos\""))
        #expect(html.contains("data-device=\"perimeter-north\""))
        #expect(html.contains("data-alarm=\"gate-east-sos/button\""))
        #expect(html.contains("3 min 12 s"), "the alarm's duration")
        #expect(html.contains("connection refused"))
        #expect(html.contains("mqtts://police.example:8883"))
        #expect(html.contains("16:00:00") || html.contains("11-24 16:00:00"), "clock times in the site's zone (UTC+8)")
        #expect(html.contains("name=\"viewport\""), "sized for a phone")
        #expect(html.contains("new EventSource('/api/stream'"))
    }

    @Test func textFromTheSiteFileIsEscaped() {
        let html = StatusPageRenderer().page(StatusFixture.status())
        #expect(html.contains("东风小学 &lt;East&gt;"))
        #expect(!html.contains("<East>"))
        #expect(html.contains("data-uplink=\"edu &quot;bureau&quot;\""))
    }

    @Test(arguments: [(Int64(0), "<1 s"), (45_000, "45 s"), (192_000, "3 min 12 s"), (7_500_000, "2 h 5 min"), (273_600_000, "3 d 4 h")])
    func elapsedTimes(milliseconds: Int64, text: String) {
        #expect(ElapsedText.describe(milliseconds: milliseconds) == text)
    }

    @Test func serverSentEventsCarryEveryLineOfTheFragment() {
        #expect(ServerSentEvent.format(event: "status", data: "<p>a</p>\n<p>b</p>") == "event: status\ndata: <p>a</p>\ndata: <p>b</p>\n\n")
    }

    @Test func latencyQuantilesComeFromTheBuckets() {
        var histogram = LatencyHistogram()
        for _ in 0..<99 { histogram.record(seconds: 0.0008) }
        histogram.record(seconds: 0.2)
        #expect(histogram.quantile(0.5) == 0.001)
        #expect(histogram.quantile(1) == 0.5)
        #expect(LatencyHistogram().quantile(0.5) == nil)
    }
}
