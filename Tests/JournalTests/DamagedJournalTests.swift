import Foundation
import GatewayCore
import GatewayTesting
@testable import Journal
import Logging
import Testing

/// A journal that replaces a damaged file continues the damaged file's sequence where it can
/// still be read, so platforms never see one seq twice.
@Suite struct DamagedJournalTests {
    @Test func theLastSeqOfAFileIsReadWhereItCanBe() async throws {
        let directory = try TemporaryDirectory(prefix: "damaged")
        let path = directory.file("journal.db")
        let journal = Journal(path: path, siteID: "s1", uplinks: ["police"], logger: Logger(label: "damaged"))
        journal.attach(feeds: [RecordingFeed()])
        try journal.start()
        for seq in 1...300 { journal.dispatch(journalEvent(seq: UInt64(seq)), to: .all(1)) }
        try await eventually("written") { journal.stats.lastSeq == 300 }
        journal.stop()
        #expect(Journal.lastSeq(ofDamagedFile: path) == 300)

        try Data(repeating: 0x41, count: 4096).write(to: URL(fileURLWithPath: directory.file("garbage.db")))
        #expect(Journal.lastSeq(ofDamagedFile: directory.file("garbage.db")) == nil)
    }

    @Test func aNewJournalContinuesAGivenSequence() throws {
        let directory = try TemporaryDirectory(prefix: "continue")
        let store = try JournalStore(path: directory.file("journal.db"))
        try store.continueSequence(after: 41)
        #expect(Journal(path: directory.file("journal.db"), siteID: "s1", uplinks: ["police"], logger: Logger(label: "c")).firstSeq == 42)
    }
}
