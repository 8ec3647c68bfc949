import GatewayCore
import Testing
@testable import SiteConfig

@Suite struct UplinkURLTests {
    @Test(arguments: [
        ("mqtt://127.0.0.1", UplinkConfig.Scheme.mqtt, "127.0.0.1", 1883),
        ("mqtt://broker.local:1884", .mqtt, "broker.local", 1884),
        ("mqtts://police.example.cn", .mqtts, "police.example.cn", 8883),
        ("mqtts://[::1]:9883/", .mqtts, "[::1]", 9883),
    ])
    func parses(_ text: String, _ scheme: UplinkConfig.Scheme, _ host: String, _ port: Int) throws {
        let url = try UplinkURL.parse(text).get()
        #expect(url == UplinkURL(scheme: scheme, host: host, port: port))
    }

    @Test(arguments: [
        ("tcp://h:1883", "url must start with mqtt:// or mqtts://"),
        ("mqtt://user:pw@h", "put credentials in 'username' and 'password'"),
        ("mqtt://h/campus", "url must be mqtt://HOST[:PORT] with no path"),
        ("mqtt://h:0", "port in 'mqtt://h:0' must be a number 1–65535"),
        ("mqtt://", "host in 'mqtt://' is empty"),
        ("mqtt://bad host", "not a host name"),
    ])
    func refuses(_ text: String, _ reason: String) {
        guard case .failure(let error) = UplinkURL.parse(text) else {
            Issue.record("'\(text)' parsed")
            return
        }
        #expect(error.description.contains(reason), "\(error)")
    }

    @Test func topicPrefixRules() {
        #expect(UplinkParser.topicPrefixProblem("campus/v1/4101230001") == nil)
        #expect(UplinkParser.topicPrefixProblem("a") == nil)
        #expect(UplinkParser.topicPrefixProblem("")?.contains("empty") == true)
        #expect(UplinkParser.topicPrefixProblem("a/+/b")?.contains("wildcards") == true)
        #expect(UplinkParser.topicPrefixProblem("/a")?.contains("start or end") == true)
        #expect(UplinkParser.topicPrefixProblem("a//b")?.contains("empty levels") == true)
    }

    @Test func kindPatterns() {
        #expect(["*", "alarm.*", "alarm.line.*", "alarm.emergency", "device.offline"].allSatisfy(RouteParser.isKindPattern))
        #expect(!["", "alarm", "Alarm.*", "alarm.", "*.alarm", "alarm.**", "alarm*"].contains(where: RouteParser.isKindPattern))
    }
}
