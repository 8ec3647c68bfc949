/// One device as the status page shows it.
public struct DeviceStatus: Sendable, Codable, Equatable {
    public var id: String
    public var profile: String
    /// Where it stands, in any language (东门).
    public var location: String
    /// The bus it is polled on (`tcp://10.0.0.5:502`, `rtu:///dev/ttyS1`).
    public var line: String
    public var online: Bool
    /// UTC milliseconds of the last successful poll; 0 when never read.
    public var lastPoll: Int64
    /// Why it is offline, when it is.
    public var error: String
    public var points: [PointReading]

    public init(
        id: String, profile: String, location: String, line: String, online: Bool, lastPoll: Int64, error: String = "",
        points: [PointReading] = []
    ) {
        self.id = id
        self.profile = profile
        self.location = location
        self.line = line
        self.online = online
        self.lastPoll = lastPoll
        self.error = error
        self.points = points
    }
}

/// One point's decoded value. `value` is a JSON bool or number.
public struct PointReading: Sendable, Codable, Equatable {
    public enum Value: Sendable, Codable, Equatable, CustomStringConvertible {
        case bool(Bool)
        case number(Double)

        public init(from decoder: any Decoder) throws {
            let container = try decoder.singleValueContainer()
            if let flag = try? container.decode(Bool.self) { self = .bool(flag) } else { self = .number(try container.decode(Double.self)) }
        }

        public func encode(to encoder: any Encoder) throws {
            var container = encoder.singleValueContainer()
            switch self {
            case .bool(let flag): try container.encode(flag)
            case .number(let number): try container.encode(number)
            }
        }

        public var description: String {
            switch self {
            case .bool(let flag): flag ? "on" : "off"
            case .number(let number):
                number == number.rounded() && abs(number) < 1e15 ? String(Int64(number)) : String(number)
            }
        }
    }

    public var id: String
    public var value: Value
    /// True while this point's alarm condition holds.
    public var active: Bool

    public init(id: String, value: Value, active: Bool = false) {
        self.id = id
        self.value = value
        self.active = active
    }
}
