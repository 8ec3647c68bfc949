import Foundation
import Testing

@testable import GatewayCore

@Suite struct EventJSONTests {
    @Test func eventEncodesEveryFieldInOrder() {
        let event = Event(
            site: "4101230001", device: "gate-east-sos", point: "button", kind: .emergency, state: .active,
            severity: .critical, timestamp: 1_764_000_000_123, location: "东门 \"East\"", cameras: ["cam-1", "cam-2"],
            contactID: "120", value: .bool(true), id: EventID("019ab5d0-3f1b-7c2a-8d4e-0123456789ab")!, seq: 42)
        let json = String(decoding: event.jsonBytes(), as: UTF8.self)
        #expect(json == #"{"v":1,"id":"019ab5d0-3f1b-7c2a-8d4e-0123456789ab","seq":42,"site":"4101230001","device":"gate-east-sos","point":"button","kind":"alarm.emergency","state":"active","severity":"critical","priority":1,"ts":1764000000123,"location":"东门 \"East\"","cameras":["cam-1","cam-2"],"cid":"120","drill":false,"value":true}"#)
        // And it is valid JSON.
        #expect((try? JSONSerialization.jsonObject(with: Data(event.jsonBytes()))) != nil)
    }

    @Test func optionalFieldsAreLeftOut() {
        let event = Event(site: "s", device: "d", kind: .deviceOffline, state: .active, severity: .major, timestamp: 5, detail: "no answer")
        let json = String(decoding: event.jsonBytes(), as: UTF8.self)
        #expect(!json.contains("\"point\"") && !json.contains("\"cid\"") && !json.contains("\"value\""))
        #expect(json.contains(#""detail":"no answer""#))
    }

    @Test func controlCharactersAreEscaped() throws {
        var w = JSONWriter()
        w.beginObject(); w.field("k", "a\nb\u{01}\t\\"); w.endObject()
        #expect(String(decoding: w.bytes, as: UTF8.self) == #"{"k":"a\nb\u0001\t\\"}"#)
        let parsed = try JSONSerialization.jsonObject(with: Data(w.bytes)) as? [String: String]
        #expect(parsed?["k"] == "a\nb\u{01}\t\\")
    }

    @Test func nonFiniteNumbersBecomeNull() {
        var w = JSONWriter()
        w.beginArray(); w.double(.nan); w.double(.infinity); w.double(2.5); w.double(3); w.endArray()
        #expect(String(decoding: w.bytes, as: UTF8.self) == "[null,null,2.5,3]")
    }

    @Test func snapshotEncodesPointsAsAnObject() throws {
        let s = DeviceSnapshot(device: "d", profile: "sos", location: "L", online: true, lastPoll: 9,
                               points: [("button", .bool(true)), ("v", .double(1.5))], activePoints: ["button"])
        let obj = try #require(try JSONSerialization.jsonObject(with: Data(s.jsonBytes(site: "s"))) as? [String: Any])
        #expect(obj["online"] as? Bool == true)
        #expect((obj["points"] as? [String: Any])?["v"] as? Double == 1.5)
        #expect(obj["active"] as? [String] == ["button"])
    }

    @Test func sameStateIgnoresPollTime() {
        let a = DeviceSnapshot(device: "d", profile: "p", location: "", online: true, lastPoll: 1, points: [("x", .int(1))])
        var b = a
        b.lastPoll = 2
        #expect(a.sameState(as: b))
        b.points = [("x", .int(2))]
        #expect(!a.sameState(as: b))
    }
}
