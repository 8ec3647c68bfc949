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
