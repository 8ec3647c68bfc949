import Testing

@testable import Modbus

@Suite("RTU framing")
struct RTUFrameTests {
    @Test func crcOfAKnownRequest() {
        // Read 10 holding registers from unit 1 at 0: the textbook frame ends C5 CD.
        let frame: [UInt8] = [0x01, 0x03, 0x00, 0x00, 0x00, 0x0A, 0xC5, 0xCD]
        #expect(RTUFrame.crc(frame[0..<6]) == 0xCDC5)
        #expect(RTUFrame.hasValidCRC(frame[...]))
        var corrupt = frame
        corrupt[3] = 1
        #expect(!RTUFrame.hasValidCRC(corrupt[...]))
    }

    @Test func lengthsByFunctionCode() {
        #expect(RTUFrame.requestLength([0x01][...]) == .needMore)
        #expect(RTUFrame.requestLength([0x01, 0x03][...]) == .complete(8))
        #expect(RTUFrame.requestLength([0x01, 0x05, 0, 1, 0xFF][...]) == .complete(8))
        #expect(RTUFrame.requestLength([0x01, 0x10, 0, 0, 0, 2][...]) == .needMore)
        #expect(RTUFrame.requestLength([0x01, 0x10, 0, 0, 0, 2, 4][...]) == .complete(13))
        #expect(RTUFrame.requestLength([0x01, 0x2B][...]) == .unknown)
    }
}
