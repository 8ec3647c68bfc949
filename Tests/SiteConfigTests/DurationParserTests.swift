import Testing
@testable import SiteConfig

@Suite struct DurationParserTests {
    @Test(arguments: [
        ("100ms", Duration.milliseconds(100)), ("0ms", .zero), ("0s", .zero), ("2s", .seconds(2)),
        ("1m", .seconds(60)), ("90m", .seconds(5400)), ("1h", .seconds(3600)), ("1500ms", .milliseconds(1500)),
    ])
    func parsesANumberWithAUnit(_ text: String, _ expected: Duration) {
        #expect(DurationParser.parse(text) == expected)
    }

    @Test(arguments: ["100", "1", "", "ms", "s", "1.5s", "-1s", "+1s", "1 s", "1sec", "1d", "1S", "1m30s", "99999999999999999h", "１s"])
    func refusesAnythingElse(_ text: String) {
        #expect(DurationParser.parse(text) == nil)
    }

    @Test(arguments: [
        (Duration.milliseconds(100), "100ms"), (.seconds(2), "2s"), (.milliseconds(1500), "1500ms"),
        (.seconds(60), "1m"), (.seconds(90), "90s"), (.seconds(3600), "1h"), (.zero, "0s"),
    ])
    func formatsInTheSameNotation(_ duration: Duration, _ expected: String) {
        #expect(DurationParser.format(duration) == expected)
        #expect(DurationParser.parse(expected) == duration)
    }
}
