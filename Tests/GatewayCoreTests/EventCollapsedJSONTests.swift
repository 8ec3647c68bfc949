import Testing

@testable import GatewayCore

@Suite struct EventCollapsedJSONTests {
    @Test func aFloodSummaryCarriesItsCountAndOrdinaryEventsDoNot() {
        var event = Event(site: "s", device: "d", kind: .intrusion, state: .active, severity: .major, timestamp: 1)
        #expect(!String(decoding: event.jsonBytes(), as: UTF8.self).contains("collapsed"))
        event.collapsed = 7
        #expect(String(decoding: event.jsonBytes(), as: UTF8.self).hasSuffix(#","drill":false,"collapsed":7}"#))
    }
}
