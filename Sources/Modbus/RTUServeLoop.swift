import CModbus
import GatewayCore

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The serving thread of an RTU `ModbusServer`: owns the serial line and answers the
/// requests addressed to its units.
///
/// Frames are cut by this loop, not by `modbus_receive`: libmodbus's RTU receive drops
/// frames for any unit but the context's one and then swallows the next frame as that
/// unit's answer, which cannot serve several units on one line. Answers are still built
/// and sent by `modbus_reply` from the unit's map.
///
/// `@unchecked Sendable`: after `open()` on the starting thread, the instance is handed to
/// the serving thread and touched by it alone; shared state goes through `control`.
final class RTUServeLoop: @unchecked Sendable {
    private let line: DeviceConnection.SerialLine
    private let units: [Int: ModbusRegisterMap]
    private let control: ServerControl
    /// `modbus_t *` that opens the line with its settings and sends answers.
    private let context: OpaquePointer
    private var fd: Int32 = -1
    private var pending: [UInt8] = []
    private var lastByteAt: UInt64 = 0
    /// Silence that ends a frame of unknown length or drops a torn one. Generous next to the
    /// 3.5 characters of the standard (4 ms at 9600 baud), since ptys and USB adapters
    /// deliver bytes in bursts.
    private let silence: UInt64 = 50_000_000

    init(line: DeviceConnection.SerialLine, units: [Int: ModbusRegisterMap], control: ServerControl) throws(ModbusError) {
        let parity = CChar(bitPattern: line.parity.asciiValue ?? UInt8(ascii: "N"))
        guard let context = modbus_new_rtu(line.path, Int32(line.baud), parity, Int32(line.dataBits), Int32(line.stopBits)) else {
            throw ModbusError.fromErrno(errno, while: "create a Modbus RTU server context for \(line.path)")
        }
        self.line = line
        self.units = units
        self.control = control
        self.context = context
    }

    deinit {
        if fd >= 0 { modbus_close(context) }
        modbus_free(context)
    }

    func open() throws(ModbusError) {
        guard modbus_connect(context) == 0 else {
            let code = errno
            throw ModbusError(kind: .connection, errno: code, message: "open \(line.path): \(ModbusError.describe(errno: code))")
        }
        fd = modbus_get_socket(context)
    }

    func run() {
        defer { control.finish() }
        var chunk = [UInt8](repeating: 0, count: 512)
        while true {
            var fds = [
                pollfd(fd: control.wake.readFD, events: Int16(POLLIN), revents: 0),
                pollfd(fd: fd, events: Int16(POLLIN), revents: 0),
            ]
            let timeout: Int32 = pending.isEmpty ? -1 : Int32(silence / 1_000_000)
            let ready = poll(&fds, 2, timeout)
            if ready < 0 && errno != EINTR { return }
            if fds[0].revents != 0 {
                control.wake.drain()
                if control.lock.withLock({ control.stopping }) { return }
            }
            if fds[1].revents != 0 {
                let count = read(fd, &chunk, chunk.count)
                if count > 0 {
                    pending.append(contentsOf: chunk[0..<count])
                    lastByteAt = WallClock.monotonicNanoseconds()
                    answerComplete()
                } else if count == 0 || (errno != EAGAIN && errno != EINTR) {
                    // The other end of the line is gone (pty closed): wait instead of spinning.
                    _ = poll(&fds, 1, 100)
                }
            } else if !pending.isEmpty && WallClock.monotonicNanoseconds() - lastByteAt >= silence {
                endOfFrameBySilence()
            }
        }
    }

    /// Answers every complete request at the front of `pending`.
    private func answerComplete() {
        while !pending.isEmpty {
            switch RTUFrame.requestLength(pending[...]) {
            case .needMore, .unknown:
                return
            case .complete(let length):
                guard pending.count >= length else { return }
                let frame = Array(pending[0..<length])
                guard RTUFrame.hasValidCRC(frame[...]) else {
                    // Out of step with the line: drop everything and wait for the next frame.
                    pending.removeAll()
                    return
                }
                pending.removeFirst(length)
                answer(frame)
            }
        }
    }

    /// A silence ended the bytes pending: a frame whose length the function code does not
    /// tell (answered, by libmodbus, with "illegal function"), or a torn one (dropped).
    private func endOfFrameBySilence() {
        let frame = pending
        pending.removeAll()
        if RTUFrame.requestLength(frame[...]) == .unknown, RTUFrame.hasValidCRC(frame[...]) {
            answer(frame)
        }
    }

    private func sendRaw(_ body: [UInt8], corruptCRC: Bool = false) {
        var crc = RTUFrame.crc(body[...])
        if corruptCRC { crc ^= 0xFFFF }
        let frame = body + [UInt8(crc & 0xFF), UInt8(crc >> 8)]
        _ = write(fd, frame, frame.count)
    }

    private func answer(_ frame: [UInt8]) {
        let unit = Int(frame[0])
        guard let map = units[unit], !control.isMuted(unit) else { return }
        modbus_set_slave(context, Int32(unit))
        switch control.fault(unit) {
        case .exception(let code):
            _ = modbus_reply_exception(context, frame, UInt32(code))
            return
        case .garble:
            // A one-byte read-coils answer whatever was asked, with a good CRC.
            sendRaw([frame[0], frame[1] == 0x01 ? 0x02 : 0x01, 1, 0])
            return
        case .badCRC:
            // An exception-shaped answer whose CRC is wrong.
            sendRaw([frame[0], frame[1] | 0x80, 4], corruptCRC: true)
            return
        case .slow(let delay):
            FaultDelay.sleep(delay)
        case nil:
            break
        }
        _ = map.withMapping { modbus_reply(context, frame, Int32(frame.count), $0) }
    }
}
