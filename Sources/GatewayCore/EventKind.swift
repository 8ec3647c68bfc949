/// What happened, as a dotted name (`alarm.emergency`, `device.offline`). The set is open:
/// a profile may name its own kinds; the well-known ones are constants here.
public struct EventKind: RawRepresentable, Hashable, Sendable, CustomStringConvertible,
    ExpressibleByStringLiteral
{
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public init(_ rawValue: String) { self.rawValue = rawValue }
    public init(stringLiteral value: String) { self.rawValue = value }
    public var description: String { rawValue }

    public static let emergency: EventKind = "alarm.emergency"
    public static let intrusion: EventKind = "alarm.intrusion"
    public static let tamper: EventKind = "alarm.tamper"
    public static let deviceFault: EventKind = "device.fault"
    public static let deviceOffline: EventKind = "device.offline"
    public static let deviceOnline: EventKind = "device.online"
    public static let gateForced: EventKind = "gate.forced"

    /// True when `self` names a kind a well-formed profile may use: lowercase words of
    /// `a-z0-9_` separated by single dots, at least two words.
    public var isWellFormed: Bool {
        let words = rawValue.split(separator: ".", omittingEmptySubsequences: false)
        guard words.count >= 2 else { return false }
        return words.allSatisfy { word in
            !word.isEmpty && word.utf8.allSatisfy { ($0 >= 0x61 && $0 <= 0x7A) || ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x5F }
        }
    }
}

extension EventKind {
    /// An input changed too often and is held until it settles.
    public static let chattering: EventKind = "input.chattering"
    /// A device answers with Modbus exceptions: it is there but refuses requests.
    public static let deviceException: EventKind = "device.exception"
    /// A device restarted (a counter went backwards).
    public static let deviceRestarted: EventKind = "device.restarted"
    /// An intrusion zone was armed or disarmed.
    public static let zoneArmed: EventKind = "zone.armed"
    public static let zoneDisarmed: EventKind = "zone.disarmed"
}
