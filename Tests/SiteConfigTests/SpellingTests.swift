import Testing
@testable import SiteConfig

@Suite struct SpellingTests {
    @Test func editDistance() {
        #expect(Spelling.distance(Array("poll"), Array("pol")) == 1)
        #expect(Spelling.distance(Array("adress"), Array("address")) == 1)
        #expect(Spelling.distance(Array("kitten"), Array("sitting")) == 3)
        #expect(Spelling.distance(Array(""), Array("abc")) == 3)
    }

    @Test func suggestsOnlyWithinTwoEdits() {
        #expect(Spelling.closest(to: "pol", in: ["poll", "profile"]) == "poll")
        #expect(Spelling.closest(to: "TimeOut", in: ["timeout", "poll"]) == "timeout")
        #expect(Spelling.closest(to: "xyz", in: ["poll", "unit"]) == nil)
        #expect(Spelling.hint(for: "sos-buton", in: ["sos-button", "bollard"]) == "; did you mean 'sos-button'?")
        #expect(Spelling.hint(for: "gate", in: ["bollard"]) == "")
    }

    @Test func identifiers() {
        #expect(Identifier.problem("gate-east_1", what: "device id") == nil)
        #expect(Identifier.problem("", what: "device id") == "device id must not be empty")
        #expect(Identifier.problem(String(repeating: "a", count: 65), what: "device id")?.contains("longer than 64") == true)
        #expect(Identifier.problem("东门", what: "device id") != nil)
        #expect(Identifier.problem("a+b", what: "device id") != nil)
    }
}

@Suite struct DisplayPathTests {
    @Test func showsPathsInsideTheBaseRelativeToIt() {
        #expect(DisplayPath.show("/srv/gw/DeviceProfiles/a.yaml", under: "/srv/gw") == "DeviceProfiles/a.yaml")
        #expect(DisplayPath.show("/srv/gw/DeviceProfiles/a.yaml", under: "/srv/gw/") == "DeviceProfiles/a.yaml")
        #expect(DisplayPath.show("/srv/gateway/a.yaml", under: "/srv/gw") == "/srv/gateway/a.yaml", "a shared prefix is not a parent")
        #expect(DisplayPath.show("/opt/p/a.yaml", under: "/srv/gw") == "/opt/p/a.yaml")
        #expect(DisplayPath.show("/opt/p/a.yaml", under: nil) == "/opt/p/a.yaml")
    }
}
