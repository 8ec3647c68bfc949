import Testing

@testable import GatewayCore

@Suite struct EventIDTests {
    @Test func rendersAndParsesTheUUIDText() throws {
        let id = EventID(high: 0x0192_3456_789a_7bcd, low: 0x8123_4567_89ab_cdef)
        #expect(id.description == "01923456-789a-7bcd-8123-456789abcdef")
        #expect(EventID("01923456-789A-7BCD-8123-456789ABCDEF") == id)
        #expect(EventID("01923456789a-7bcd-8123-456789abcdef") == nil)
        #expect(EventID("01923456-789a-7bcd-8123-456789abcdeg") == nil)
        #expect(EventID.none.description == "00000000-0000-0000-0000-000000000000")
    }

    @Test func generatesVersion7IdsThatSortByTimeAndDoNotRepeat() {
        var generator = EventIDGenerator()
        var seen = Set<EventID>()
        var previous = EventID.none
        for ms in Int64(1_700_000_000_000)..<1_700_000_001_000 {
            let id = generator.next(milliseconds: ms)
            let text = id.description
            #expect(text.count == 36)
            #expect(Array(text.utf8)[14] == UInt8(ascii: "7"), "version nibble")
            #expect("89ab".utf8.contains(Array(text.utf8)[19]), "variant bits")
            #expect(id.milliseconds == ms)
            #expect(previous < id)
            seen.insert(id)
            previous = id
        }
        #expect(seen.count == 1000)
    }
}
