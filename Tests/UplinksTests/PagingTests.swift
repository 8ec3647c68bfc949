import Foundation
import GatewayCore
import GatewayTesting
import Journal
import Logging
import SiteConfig
import Testing
@_spi(Testing) import Uplinks

/// The journal is the queue: an uplink keeps a bounded part of its backlog in memory and reads
/// the rest back from the journal file, in order, as the broker takes it.
@Suite struct PagingTests {
    @Test func aBacklogLargerThanMemoryIsReadBackFromTheJournalInOrder() async throws {
        let directory = try TemporaryDirectory(prefix: "paging")
        let broker = try TestBroker(persistence: true)
        let subscriber = try TestSubscriber(broker: broker, filter: "\(testPrefix)/events/+", clientID: "paging-\(broker.port)", cleanSession: false)
        try await subscriber.waitForConnection()
        broker.stop()
        let logger = Logger(label: "paging")
        let journal = Journal(path: directory.file("journal.db"), siteID: testSite, uplinks: ["police"], logger: logger)
        let uplink = Uplink(
            config: broker.uplinkConfig(topicPrefix: testPrefix), siteID: testSite, logger: logger,
            options: UplinkOptions(memoryQueueLimit: 50, pageSize: 20), ledger: journal)
        journal.attach(feeds: [uplink])
        try journal.start()
        let task = Task { try await uplink.run() }
        let severities: [Severity] = [.info, .minor, .major, .critical]
        for seq in 1...600 {
            journal.dispatch(makeEvent(seq: UInt64(seq), severity: severities[seq % 4]), to: .all(1))
        }
        try await eventually("all journaled") { journal.stats.lastSeq == 600 }
        #expect(uplink.queuedInMemoryForTesting <= 4 * 50)
        try broker.start()
        try await eventually("all 600 delivered", timeout: .seconds(30)) {
            Set(subscriber.messages.compactMap { try? $0.json()["seq"] as? Int }).count == 600
        }
        var lastSeq: [Int: Int] = [:]
        var seen = Set<Int>()
        for message in subscriber.messages {
            let json = try message.json()
            let seq = try #require(json["seq"] as? Int), priority = try #require(json["priority"] as? Int)
            guard seen.insert(seq).inserted else { continue }
            #expect(seq > lastSeq[priority, default: 0], "priority \(priority): \(seq) after \(lastSeq[priority, default: 0])")
            lastSeq[priority] = seq
        }
        try await eventually("journal cursor at the end") {
            ((try? JournalStore(path: directory.file("journal.db"), readOnly: true).backlog(bit: 0)) ?? -1) == 0
        }
        await uplink.shutdown()
        try await task.value
        journal.stop()
    }
}
