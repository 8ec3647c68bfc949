import GatewayCore

/// A command a profile declares: one write (coil or holding register), optionally pulsed
/// back, optionally confirmed by reading a point until it shows the expected value.
public struct CommandSpec: Sendable, Hashable {
    public var id: String
    public var table: ModbusTable
    public var address: Int
    /// The value written; nil: the request's argument is written (0…65535, 0/1 on a coil).
    public var value: Int?
    /// Write `value`, wait this long, then write `release` (a momentary contact).
    public var pulse: Duration?
    public var release: Int
    public var check: Check?

    /// The device must show `value` on `point` within `within` after the write.
    public struct Check: Sendable, Hashable {
        public var point: String
        /// Compared with the point's decoded value; binary points read 1 when active.
        public var value: Double
        public var within: Duration

        public init(point: String, value: Double, within: Duration = .seconds(2)) {
            self.point = point
            self.value = value
            self.within = within
        }
    }

    public init(
        id: String, table: ModbusTable, address: Int, value: Int? = 1, pulse: Duration? = nil, release: Int = 0,
        check: Check? = nil
    ) {
        self.id = id
        self.table = table
        self.address = address
        self.value = value
        self.pulse = pulse
        self.release = release
        self.check = check
    }

    /// The largest value the command's table can hold.
    public var maxValue: Int { table == .coil ? 1 : 65535 }
}
