import Foundation
import GatewayCore
import GatewayTesting
import Journal
import Logging
import Testing

@Suite struct JournalTests {
    let directory: TemporaryDirectory
    var path: String { directory.file("journal.db") }

    init() throws { directory = try TemporaryDirectory(prefix: "journal") }

    func open(_ uplinks: [String] = ["police", "education"], options: JournalOptions = JournalOptions()) -> Journal {
        Journal(path: path, siteID: "s1", uplinks: uplinks, options: options, logger: Logger(label: "journal-test"))
    }

    /// Dispatches events 1…n (severity from `severities`, cycled) to every uplink of `uplinks`.
    func write(_ journal: Journal, count: Int, from first: UInt64 = 1, severities: [Severity] = [.info], uplinks: Int = 2) async throws {
        for i in 0..<count {
            let seq = first + UInt64(i)
            journal.dispatch(journalEvent(seq: seq, severity: severities[i % severities.count]), to: .all(uplinks))
        }
        try await eventually("events written") { journal.stats.lastSeq >= first + UInt64(count) - 1 }
    }

    @Test func eventsReachFeedsOnlyAfterTheyAreWrittenAndSeqContinuesAfterReopen() async throws {
        let journal = open()
        #expect(journal.firstSeq == 1)
        let feeds = [RecordingFeed(), RecordingFeed()]
        journal.attach(feeds: feeds)
        try journal.start()
        try await write(journal, count: 10)
        try await eventually("handed over") { feeds[1].seqs.count == 10 }
        // Every event handed to a feed is on disk: a second reader sees it.
        let reader = try JournalStore(path: path, readOnly: true)
        #expect(try reader.records(JournalFilter()).map(\.seq) == Array(1...10))
        journal.stop()
        #expect(feeds[0].seqs == Array(1...10))
        #expect(feeds[0].items.allSatisfy { !$0.replayed })

        let reopened = open()
        #expect(reopened.firstSeq == 11)
    }

    @Test func undeliveredEventsAreReplayedHighestPriorityFirstThenInSeqOrder() async throws {
        let journal = open()
        journal.attach(feeds: [RecordingFeed(), RecordingFeed()])
        try journal.start()
        try await write(journal, count: 12, severities: [.info, .critical, .major, .minor])
        // Police acknowledged 1…6; education nothing.
        for seq in 1...6 { journal.acknowledged(seq: UInt64(seq), uplink: "police") }
        journal.stop()

        let reopened = open()
        let police = RecordingFeed(), education = RecordingFeed()
        reopened.attach(feeds: [police, education])
        #expect(police.seqs == [10, 7, 11, 8, 12, 9])  // critical 10, major 7 11, minor 8 12, info 9
        #expect(education.seqs == [2, 6, 10, 3, 7, 11, 4, 8, 12, 1, 5, 9])
        #expect(police.items.allSatisfy { $0.replayed })
        #expect(police.items.first?.entry.payload == journalEvent(seq: 10, severity: .critical).jsonBytes())
    }

    @Test func aRemovedUplinksBacklogIsGivenUpAndANewUplinkStartsEmpty() async throws {
        let journal = open(["police", "fire"])
        journal.attach(feeds: [RecordingFeed(), RecordingFeed()])
        try journal.start()
        try await write(journal, count: 3)
        journal.stop()
        let reopened = open(["fire", "education"])
        let fire = RecordingFeed(), education = RecordingFeed()
        reopened.attach(feeds: [fire, education])
        #expect(fire.seqs == [1, 2, 3])
        #expect(education.seqs.isEmpty)
    }

    @Test func anUplinkAddedWhileRunningGetsOnlyNewEventsAndItsOwnBit() async throws {
        let journal = open(["police"])
        let police = RecordingFeed(), education = RecordingFeed()
        journal.attach(feeds: [police])
        try journal.start()
        try await write(journal, count: 3, uplinks: 1)
        // As a reload does it: the writer stops, the uplink joins, the writer goes on.
        journal.stop()
        journal.reshape(names: ["police", "education"], feeds: [police, education], replaying: ["education"])
        try journal.start()
        try await write(journal, count: 2, from: 4, uplinks: 2)
        try await eventually("handed over") { education.seqs.count == 2 }
        for seq in 1...5 { journal.acknowledged(seq: UInt64(seq), uplink: "police") }
        journal.stop()
        #expect(police.seqs == [1, 2, 3, 4, 5])
        #expect(education.seqs == [4, 5])
        // The file knows the new uplink: after a restart it is owed 4 and 5, the police nothing.
        let restartedPolice = RecordingFeed(), restartedEducation = RecordingFeed()
        open(["police", "education"]).attach(feeds: [restartedPolice, restartedEducation])
        #expect(restartedPolice.seqs.isEmpty)
        #expect(restartedEducation.seqs == [4, 5])
    }

    /// As a reload that moves one uplink, reconnects another and removes a third does it:
    /// what each name still owes stays owed, whatever its new place; the removed one's is
    /// given up, and its late acknowledgements touch nobody else's.
    @Test func reshapingKeepsEachNamesBacklogWhateverItsPlace() async throws {
        let journal = open(["police", "education", "fire"])
        let police = RecordingFeed(), education = RecordingFeed(), fire = RecordingFeed()
        journal.attach(feeds: [police, education, fire])
        try journal.start()
        try await write(journal, count: 4, uplinks: 3)
        try await eventually("handed over") { fire.seqs.count == 4 }
        for seq in 1...4 { journal.acknowledged(seq: UInt64(seq), uplink: "police") }
        for seq in 1...2 { journal.acknowledged(seq: UInt64(seq), uplink: "education") }
        journal.stop()

        // Education reconnects (a new connection) in first place; police moves to second, runs on.
        let reconnected = RecordingFeed()
        journal.reshape(names: ["education", "police"], feeds: [reconnected, police], replaying: ["education"])
        #expect(reconnected.seqs == [3, 4])
        #expect(reconnected.items.allSatisfy { $0.replayed })
        try journal.start()
        try await write(journal, count: 2, from: 5, uplinks: 2)
        try await eventually("handed over in the new places") { reconnected.seqs.count == 4 && police.seqs.count == 6 }
        #expect(fire.seqs == [1, 2, 3, 4])
        for seq in 3...6 { journal.acknowledged(seq: UInt64(seq), uplink: "education") }
        journal.acknowledged(seq: 5, uplink: "police")
        // Too late, from an uplink that is gone: ignored.
        journal.acknowledged(seq: 6, uplink: "fire")
        journal.stop()

        let restartedEducation = RecordingFeed(), restartedPolice = RecordingFeed(), restartedFire = RecordingFeed()
        open(["education", "police", "fire"]).attach(feeds: [restartedEducation, restartedPolice, restartedFire])
        #expect(restartedEducation.seqs.isEmpty)
        #expect(restartedPolice.seqs == [6])
        #expect(restartedFire.seqs.isEmpty, "what the removed uplink owed was given up")
    }

    @Test func routesAreKeptPerUplink() async throws {
        let journal = open()
        let feeds = [RecordingFeed(), RecordingFeed()]
        journal.attach(feeds: feeds)
        try journal.start()
        var destinations = Destinations()
        destinations.insert(uplink: 1, route: 3)
        journal.dispatch(journalEvent(seq: 1), to: destinations)
        try await eventually("written") { journal.stats.lastSeq == 1 }
        journal.stop()
        #expect(feeds[0].seqs.isEmpty)
        #expect(feeds[1].items.first?.route == 3)
        let again = RecordingFeed()
        open().attach(feeds: [RecordingFeed(), again])
        #expect(again.items.first?.route == 3)
    }

    @Test func aFloodIsCommittedInBatches() async throws {
        let journal = open()
        journal.attach(feeds: [RecordingFeed(), RecordingFeed()])
        for seq in 1...2000 { journal.dispatch(journalEvent(seq: UInt64(seq)), to: .all(2)) }
        try journal.start()
        try await eventually("flood written") { journal.stats.lastSeq == 2000 }
        let stats = journal.stats
        journal.stop()
        #expect(stats.written == 2000)
        #expect(stats.commits <= 4)
    }

    @Test func verifyFindsAnIntactChainAndATamperedRecord() async throws {
        let journal = open()
        journal.attach(feeds: [RecordingFeed(), RecordingFeed()])
        try journal.start()
        try await write(journal, count: 20)
        journal.stop()
        let intact = try JournalStore(path: path, readOnly: true).verify()
        #expect(intact.isIntact)
        #expect(intact.checked == 20)
        #expect(intact.gaps.isEmpty)

        let db = try SQLiteConnection(path: path)
        try db.execute("UPDATE events SET payload = replace(payload, 'gate-1', 'gate-2') WHERE seq = 7")
        let tampered = try JournalStore(path: path, readOnly: true).verify()
        #expect(tampered.problems.count == 1)
        #expect(tampered.problems.first?.hasPrefix("seq 7:") == true)

        try db.execute("DELETE FROM events WHERE seq = 12")
        let removed = try JournalStore(path: path, readOnly: true).verify()
        #expect(removed.problems.contains { $0.hasPrefix("seq 13:") })
    }

    @Test func retentionDeletesOldDeliveredEventsAndTheChainStillVerifies() async throws {
        let journal = open(["police"], options: JournalOptions(retention: .zero))
        journal.attach(feeds: [RecordingFeed()])
        try journal.start()
        try await write(journal, count: 10, uplinks: 1)
        for seq in 1...5 { journal.acknowledged(seq: UInt64(seq), uplink: "police") }
        journal.stop()
        journal.retainForTesting()
        let store = try JournalStore(path: path, readOnly: true)
        #expect(try store.records(JournalFilter()).map(\.seq) == Array(6...10))  // delivered 1…5 deleted, the undelivered kept
        #expect(try store.verify().isIntact)
        #expect(open(["police"]).firstSeq == 11)
    }

    @Test func theSizeCapNeverRemovesAnUndeliveredEmergency() async throws {
        let journal = open(["police"], options: JournalOptions(maxSizeBytes: 1))
        journal.attach(feeds: [RecordingFeed()])
        try journal.start()
        try await write(journal, count: 40, severities: [.critical, .info, .major, .minor], uplinks: 1)
        for seq in stride(from: 1, through: 40, by: 8) { journal.acknowledged(seq: UInt64(seq), uplink: "police") }
        journal.stop()
        journal.retainForTesting()
        let replay = RecordingFeed()
        open(["police"]).attach(feeds: [replay])
        let emergencies = (1...40).filter { ($0 - 1) % 4 == 0 && ($0 - 1) % 8 != 0 }.map(UInt64.init)
        #expect(replay.seqs == emergencies)
        #expect(try JournalStore(path: path, readOnly: true).verify().isIntact)
    }

    @Test func aFullDiskKeepsEventsFlowingFromMemoryAndIsReported() async throws {
        let journal = open(["police"])
        let feed = RecordingFeed()
        journal.attach(feeds: [feed])
        let reports = HealthLog()
        journal.observeHealth { reports.append($0) }
        let sink = EventLog()
        journal.reportHealth(to: sink)
        try journal.start()
        try await write(journal, count: 5, uplinks: 1)
        journal.limitPagesForTesting(1)
        for seq in 6...400 { journal.dispatch(journalEvent(seq: UInt64(seq)), to: .all(1)) }
        try await eventually("all handed over") { feed.seqs.count == 400 }
        try await eventually("full reported") { journal.stats.health == .full }
        journal.stop()
        #expect(reports.all == [.ok, .full])
        #expect(sink.all.contains { $0.kind == "gateway.journal_full" && $0.state == .active })
    }

    @Test func aDamagedFileIsMovedAsideAndReported() async throws {
        try Data(repeating: 0x41, count: 8192).write(to: URL(fileURLWithPath: path))
        let journal = open(["police"])
        let sink = EventLog()
        journal.reportHealth(to: sink)
        #expect(sink.all.first?.kind == "gateway.journal_corrupt")
        #expect(journal.stats.health == .ok)
        let moved = try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.contains(".corrupt-") }
        #expect(!moved.isEmpty)
    }
}

final class HealthLog: Sendable {
    private let lock = ConditionLock()
    private nonisolated(unsafe) var items: [JournalHealth] = []
    var all: [JournalHealth] { lock.withLock { items } }
    func append(_ health: JournalHealth) { lock.withLock { items.append(health) } }
}

final class EventLog: EventSink {
    private let lock = ConditionLock()
    private nonisolated(unsafe) var items: [Event] = []
    var all: [Event] { lock.withLock { items } }
    func submit(_ event: Event) { lock.withLock { items.append(event) } }
    func updateState(_ snapshot: DeviceSnapshot) {}
}


@Suite struct EmergencyCommitTests {
    /// An emergency queued behind a flood is committed with the first commit, not after the
    /// flood's batches, and handed to the uplinks before the flood.
    @Test func anEmergencyBehindAFloodGoesOutWithTheFirstCommit() async throws {
        let directory = try TemporaryDirectory(prefix: "emergency")
        let journal = Journal(
            path: directory.file("journal.db"), siteID: "s1", uplinks: ["police"], options: JournalOptions(maxBatch: 100),
            logger: Logger(label: "emergency"))
        let feed = RecordingFeed()
        journal.attach(feeds: [feed])
        for seq in 1...5000 { journal.dispatch(journalEvent(seq: UInt64(seq)), to: .all(1)) }
        journal.dispatch(journalEvent(seq: 5001, severity: .critical), to: .all(1))
        try journal.start()
        try await eventually("the emergency handed over") { feed.seqs.contains(5001) }
        journal.stop()
        #expect(journal.stats.commits == 1)
        #expect(feed.seqs == [5001] + Array(1...5000))
    }
}
