/// The four Modbus data tables, named as in a profile's `table:` key.
public enum ModbusTable: String, Sendable, CaseIterable, Hashable {
    case coil
    case discreteInput = "discrete_input"
    case holdingRegister = "holding_register"
    case inputRegister = "input_register"

    /// Coils and discrete inputs hold bits; the others hold 16-bit registers.
    public var holdsBits: Bool { self == .coil || self == .discreteInput }

    /// The most items one read request may ask for (Modbus application protocol v1.1b3).
    public var maxReadCount: Int { holdsBits ? 2000 : 125 }
}
