import Logging
import SiteConfig
import Testing

@testable import Gateway
@testable import Uplinks

/// A reload's reshape swaps who hears the journal's health instead of adding an observer.
@Suite struct JournalHealthAudienceTests {
    static func uplink(_ name: String) -> Uplink {
        // Never started: only its journal health is looked at.
        let config = UplinkConfig(
            name: name, scheme: .mqtt, host: "127.0.0.1", port: 1, clientID: "audience-\(name)", topicPrefix: "campus/v1/s1",
            keepalive: .seconds(30), heartbeat: .seconds(10), caFile: nil, certFile: nil, keyFile: nil)
        return Uplink(config: config, siteID: "s1", logger: Logger(label: "audience"), options: UplinkOptions())
    }

    @Test func aRemovedUplinkHearsNothingMoreAndANewOneHearsTheCurrentHealth() {
        let police = Self.uplink("police"), bureau = Self.uplink("bureau"), backup = Self.uplink("backup")
        let audience = JournalHealthAudience([police, bureau])
        audience.tell(.full)
        #expect(police.journalHealth == .full && bureau.journalHealth == .full)

        audience.replace(with: [bureau, backup], current: .full)
        #expect(backup.journalHealth == .full, "a new uplink starts with the journal's health")
        audience.tell(.ok)
        #expect(bureau.journalHealth == .ok && backup.journalHealth == .ok)
        #expect(police.journalHealth == .full, "removed by the reload: not told any more")
    }
}
