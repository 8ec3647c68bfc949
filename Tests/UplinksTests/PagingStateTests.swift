import Testing
@testable import Uplinks

/// The journal's backlog count while paging: counted rarely, kept up to date in between.
@Suite struct PagingStateTests {
    @Test func theJournalIsCountedAtTheFirstReadThenAtMostOnceASecond() {
        var paging = PagingState()
        #expect(paging.isCountDue(now: 5))
        paging.didCount(100_000, at: 1_000_000_000, took: 20_000_000)
        #expect(!paging.isCountDue(now: 1_500_000_000))
        #expect(paging.isCountDue(now: 2_000_000_000))
    }

    @Test func aSlowCountIsRepeatedNoMoreThanATenthOfTheTime() {
        var paging = PagingState()
        paging.didCount(1_000_000, at: 0, took: 300_000_000)
        #expect(!paging.isCountDue(now: 2_999_999_999))
        #expect(paging.isCountDue(now: 3_000_000_000))
    }

    @Test func betweenCountsWrittenEventsAddAndAcknowledgedOnesSubtract() {
        var paging = PagingState()
        paging.pageOutEverything(backlog: 10)
        #expect(paging.journalBacklog == 10)
        // A paged-out lane leaves new events on disk; each is one more to deliver.
        let leftFirst = paging.leaveOnDisk(seq: 11, lane: 3, queued: 0, limit: 100)
        let leftSecond = paging.leaveOnDisk(seq: 12, lane: 0, queued: 0, limit: 100)
        #expect(leftFirst && leftSecond)
        #expect(paging.journalBacklog == 12)
        for _ in 0..<5 { paging.didAcknowledgeEvent() }
        #expect(paging.journalBacklog == 7)
        paging.didCount(3, at: 0, took: 1)
        for _ in 0..<5 { paging.didAcknowledgeEvent() }
        #expect(paging.journalBacklog == 0, "never below zero")
    }

    @Test func anEventReadInAlreadyIsNotCountedTwice() {
        var paging = PagingState()
        paging.didRead(lane: 2, count: 5, lastSeq: 40, limit: 500, marker: 0)
        paging.didCount(0, at: 0, took: 1)
        let readAlready = paging.leaveOnDisk(seq: 40, lane: 2, queued: 0, limit: 100)
        #expect(readAlready)
        #expect(paging.journalBacklog == 0)
        let leftNew = paging.leaveOnDisk(seq: 41, lane: 2, queued: 0, limit: 100)
        #expect(!leftNew, "room in memory: queued there")
        #expect(paging.journalBacklog == 1)
    }
}
