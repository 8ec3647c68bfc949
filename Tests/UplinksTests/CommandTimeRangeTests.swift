import Testing
@testable import Uplinks

/// Command times outside 1970–9999 are refused as malformed instead of reaching the
/// freshness check, where `now − issued` overflowed and stopped the gateway (found by
/// PlatformCommandFuzzer; the reproducer is in Tests/Fuzz/Regressions).
@Suite struct CommandTimeRangeTests {
    static let now: Int64 = 1_800_000_000_000

    static func payload(issued: String, expires: String = "1800000030000") -> [UInt8] {
        Array(#"{"v":1,"id":"a","target":"t","action":"siren","issued":\#(issued),"expires":\#(expires)}"#.utf8)
    }

    @Test(arguments: ["-9223372036854775808", "-1", "9223372036854775807", "253402300800000"])
    func anIssueTimeOutsideTheRangeIsMalformed(_ issued: String) {
        var authority = CommandAuthority(allowed: ["siren"], key: nil, window: .seconds(30))
        let verdict = authority.authorise(Self.payload(issued: issued), now: Self.now)
        #expect(verdict == .failure(.malformed("'issued' must be a time in UTC milliseconds")))
    }

    @Test func anExpiryOutsideTheRangeIsMalformed() {
        var authority = CommandAuthority(allowed: ["siren"], key: nil, window: .seconds(30))
        let verdict = authority.authorise(Self.payload(issued: "1800000000000", expires: "-9223372036854775808"), now: Self.now)
        #expect(verdict == .failure(.malformed("'expires' must be a time in UTC milliseconds")))
    }

    @Test func theLastMillisecondOf9999IsATime() {
        #expect((try? PlatformCommand.parse(Self.payload(issued: "253402300799999", expires: "253402300799999")).get()) != nil)
    }
}
