import GatewayCore
import Journal
import Testing
@testable import Uplinks

@Suite("Outbox bookkeeping")
struct OutboxTests {
    private func snapshot(_ device: String, online: Bool = true, poll: Int64 = 1) -> DeviceSnapshot {
        DeviceSnapshot(device: device, profile: "p", location: "", online: online, lastPoll: poll, points: [(id: "a", value: .bool(online))])
    }

    @Test func unchangedStatesAreNotOfferedAgain() {
        var outbox = Outbox()
        let queued1 = outbox.offer(snapshot("d1", poll: 1))
        #expect(queued1)
        let taken2 = outbox.takeState()
        #expect(taken2?.lastPoll == 1)
        let queued3 = outbox.offer(snapshot("d1", poll: 2))
        #expect(!queued3, "only lastPoll changed")
        let taken4 = outbox.takeState()
        #expect(taken4 == nil)
        let queued5 = outbox.offer(snapshot("d1", online: false, poll: 3))
        #expect(queued5)
        let taken6 = outbox.takeState()
        #expect(taken6?.online == false)
    }

    @Test func onlyTheNewestPendingStatePerDeviceIsKept() {
        var outbox = Outbox()
        let queued7 = outbox.offer(snapshot("d1", online: true))
        #expect(queued7)
        let queued8 = outbox.offer(snapshot("d2"))
        #expect(queued8)
        let queued9 = outbox.offer(snapshot("d1", online: false, poll: 5))
        #expect(queued9)
        #expect(outbox.pendingStateCount == 2)
        let first = outbox.takeState()
        #expect(first?.device == "d1" && first?.online == false && first?.lastPoll == 5)
        let taken10 = outbox.takeState()
        #expect(taken10?.device == "d2")
        let taken11 = outbox.takeState()
        #expect(taken11 == nil)
    }

    @Test func aChangeRevertedBeforeItWasSentIsDropped() {
        var outbox = Outbox()
        _ = outbox.offer(snapshot("d1", online: true))
        _ = outbox.takeState()
        let queued12 = outbox.offer(snapshot("d1", online: false))
        #expect(queued12)
        let queued13 = outbox.offer(snapshot("d1", online: true, poll: 9))
        #expect(!queued13)
        let taken14 = outbox.takeState()
        #expect(taken14 == nil)
    }

    @Test func reconnectRepublishesEveryKnownState() {
        var outbox = Outbox()
        _ = outbox.offer(snapshot("d1"))
        _ = outbox.offer(snapshot("d2"))
        _ = outbox.takeState()
        _ = outbox.takeState()
        outbox.republishAllStates()
        #expect(outbox.pendingStateCount == 2)
    }

    @Test func lostInFlightEventsComeBackInSendOrder() {
        var outbox = Outbox()
        let events = (1...5).map {
            OutgoingEvent(
                entry: JournalEntry(Event(site: "s", device: "d", kind: "a.b", state: .active, severity: .info, timestamp: 0, seq: UInt64($0))),
                route: nil, replayed: false)
        }
        // Message ids out of order on purpose: the send order counts, not the id.
        for (event, mid) in zip(events, [40, 7, 300, 2, 99] as [Int32]) { outbox.sentEvent(event, lane: 3, messageID: mid, at: 0) }
        outbox.sentStatus(messageID: 5)
        #expect(outbox.inFlightEvents == 5)
        #expect(outbox.inFlightCount == 6)
        let acked = outbox.acknowledge(7)
        if case .event(let event, _, _, _)? = acked { #expect(event.entry.seq == 2) } else { Issue.record("mid 7 unknown") }
        let again = outbox.acknowledge(7)
        #expect(again == nil)
        let back = outbox.connectionLost()
        #expect(back.map(\.element.entry.seq) == [1, 3, 4, 5])
        #expect(back.allSatisfy { $0.lane == 3 && $0.element.replayed })
        #expect(outbox.inFlightCount == 0 && outbox.inFlightEvents == 0)
    }
}

@Suite("Topic tree and status payloads")
struct TopicsTests {
    @Test func topicsHangUnderThePrefix() {
        let topics = Topics(prefix: "campus/v1/4101230001/")
        #expect(topics.prefix == "campus/v1/4101230001")
        #expect(topics.events(device: "gate-1") == "campus/v1/4101230001/events/gate-1")
        #expect(topics.state(device: "gate-1") == "campus/v1/4101230001/state/gate-1")
        #expect(topics.status == "campus/v1/4101230001/status")
        #expect(topics.heartbeat == "campus/v1/4101230001/heartbeat")
        #expect(topics.commands == "campus/v1/4101230001/commands")
        #expect(topics.commandResults == "campus/v1/4101230001/commands/result")
    }

    @Test func deviceIdsCannotBreakTheTree() {
        #expect(Topics.level("a/b+c#d") == "a_b_c_d")
        #expect(Topics.level("") == "_")
        #expect(Topics.level("东门-1") == "东门-1")
    }

    @Test func statusPayloadsAreExact() {
        #expect(String(decoding: StatusPayload.lastWill(site: "s1"), as: UTF8.self) == #"{"v":1,"site":"s1","state":"offline"}"#)
        #expect(
            String(decoding: StatusPayload.birth(site: "s1", timestamp: 5, version: "1.2.3"), as: UTF8.self)
                == #"{"v":1,"site":"s1","state":"online","ts":5,"version":"1.2.3"}"#
        )
        #expect(
            String(decoding: StatusPayload.shutdown(site: "s1", timestamp: 6), as: UTF8.self)
                == #"{"v":1,"site":"s1","state":"offline","ts":6,"reason":"shutdown"}"#
        )
        #expect(
            String(decoding: StatusPayload.heartbeat(site: "s1", timestamp: 7, seq: 42, backlog: 3), as: UTF8.self)
                == #"{"v":1,"site":"s1","ts":7,"seq":42,"backlog":3}"#
        )
    }
}
