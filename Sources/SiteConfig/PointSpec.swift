import GatewayCore

/// One point of a profile: where it lives in the device and what its changes mean.
public struct PointSpec: Sendable, Hashable {
    public enum ValueType: String, Sendable, Hashable, CaseIterable {
        case bool, bit, u16, i16, u32, i32, f32

        /// Registers the type spans (bits and bools in a bit table span one bit).
        public var registerCount: Int {
            switch self {
            case .u32, .i32, .f32: 2
            default: 1
            }
        }
    }

    /// Order of the two 16-bit words of a 32-bit value.
    public enum WordOrder: String, Sendable, Hashable {
        /// High word at the lower address (Modbus convention, "ABCD").
        case highFirst = "high_first"
        /// Low word at the lower address ("CDAB"), common on PLCs and some meters.
        case lowFirst = "low_first"
    }

    public enum Active: String, Sendable, Hashable {
        case high, low
    }

    /// How the device holds the condition between polls.
    public enum Mode: String, Sendable, Hashable, CaseIterable {
        /// The input as it is now: a press shorter than the poll interval can be missed.
        case level
        /// The device latches the input until the gateway clears it by writing the
        /// inactive level back (a coil, or one bit of a holding register).
        case latched
        /// A register that counts presses: every increment is one press.
        case counter
    }

    public var id: String
    public var table: ModbusTable
    public var address: Int
    public var type: ValueType
    /// Bit 0–15 of the register, for `type: bit`.
    public var bit: Int?
    public var wordOrder: WordOrder
    /// For bool/bit points: whether 1 or 0 means the condition is present.
    public var active: Active
    /// A change must hold this long before it counts. Zero: every poll counts.
    public var debounce: Duration
    /// Event raised when the point becomes active / cleared; nil for plain telemetry.
    public var event: EventKind?
    public var severity: Severity
    /// Contact ID event code reported with the event.
    public var contactID: String?
    /// For numeric points: value = raw * scale + offset.
    public var scale: Double
    public var offset: Double
    public var unit: String?
    public var mode: Mode
    /// The point's own poll interval: points with the same interval are one poll group.
    /// Nil: the device's interval.
    public var poll: Duration?

    public init(
        id: String, table: ModbusTable, address: Int, type: ValueType, bit: Int? = nil, wordOrder: WordOrder = .highFirst,
        active: Active = .high, debounce: Duration = .zero, event: EventKind? = nil, severity: Severity = .info,
        contactID: String? = nil, scale: Double = 1, offset: Double = 0, unit: String? = nil,
        mode: Mode = .level, poll: Duration? = nil
    ) {
        self.id = id
        self.table = table
        self.address = address
        self.type = type
        self.bit = bit
        self.wordOrder = wordOrder
        self.active = active
        self.debounce = debounce
        self.event = event
        self.severity = severity
        self.contactID = contactID
        self.scale = scale
        self.offset = offset
        self.unit = unit
        self.mode = mode
        self.poll = poll
    }

    /// How many table items (bits or registers) the point spans.
    public var span: Int { table.holdsBits ? 1 : type.registerCount }

    /// True for points whose value is on/off (drives active/cleared events).
    public var isBinary: Bool { type == .bool || type == .bit }

    /// True for points that raise events: binary points with `event`, and counters.
    public var raisesEvents: Bool { event != nil }

    /// Intrusion points only report while their zone is armed; every other kind (emergency,
    /// tamper, line cut, fault) is supervised day and night (GB 50394).
    public var needsArming: Bool { event == .intrusion }

    /// Emergency points are 24-hour zones whose alarm latches until reset.
    public var latchesAlarm: Bool { event == .emergency }
}
