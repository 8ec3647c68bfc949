import GatewayCore
import SiteConfig

/// When the next request on a line may start: after the RTU inter-frame silence the baud
/// rate needs, after a profile's delay following a connect, and after its delay between
/// units on a shared line.
struct LinePacer {
    /// 3.5 character times on RTU (fixed at 1.75 ms above 19200 baud, as the Modbus serial
    /// line guide says); zero on TCP, where frames are delimited by the protocol.
    let frameGapNs: UInt64
    private var lastEndNs: UInt64 = 0
    private var lastUnit = -1
    private var connectedAtNs: UInt64 = 0

    init(connection: DeviceConnection) {
        guard case .rtu(let line) = connection else {
            frameGapNs = 0
            return
        }
        frameGapNs = Self.frameGap(line)
    }

    static func frameGap(_ line: DeviceConnection.SerialLine) -> UInt64 {
        if line.baud > 19200 { return 1_750_000 }
        // Start bit, data bits, parity bit when used, stop bits.
        let bitsPerCharacter = 1 + line.dataBits + (line.parity == "N" ? 0 : 1) + line.stopBits
        return UInt64((3.5 * Double(bitsPerCharacter) / Double(line.baud) * 1e9).rounded(.up))
    }

    /// The earliest start of a request to `unit` of a device of `profile`.
    func earliestStart(unit: Int, profile: DeviceProfile) -> UInt64 {
        var start = lastEndNs + frameGapNs
        if lastUnit != -1, lastUnit != unit { start = max(start, lastEndNs + profile.unitDelay.nanoseconds) }
        return max(start, connectedAtNs + profile.connectDelay.nanoseconds)
    }

    mutating func connected(atNs now: UInt64) {
        connectedAtNs = now
        lastUnit = -1
    }

    mutating func finished(unit: Int, atNs now: UInt64) {
        lastEndNs = now
        lastUnit = unit
    }
}
