import CModbus
import GatewayCore

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The four data tables of one unit that a `ModbusServer` answers for, each one contiguous
/// address range. Requests outside a range are answered with exception 2 (illegal data
/// address), as a real device does.
///
/// Thread-safety: every method may be called from any thread. One lock guards the tables;
/// the server's thread holds it while it answers a request (which may itself write coils and
/// holding registers), so each call here is atomic with respect to requests: the two words
/// of a 32-bit value set with one `setRegisters` are never seen half-written by a client.
///
/// `@unchecked Sendable`: the C mapping is only touched with `lock` held, and `layout` is
/// immutable.
public final class ModbusRegisterMap: @unchecked Sendable {
    /// Address ranges of the four tables; an empty range means the table is absent.
    public struct Layout: Sendable, Hashable {
        public var coils: Range<Int>
        public var discreteInputs: Range<Int>
        public var holdingRegisters: Range<Int>
        public var inputRegisters: Range<Int>

        public init(
            coils: Range<Int> = 0..<0, discreteInputs: Range<Int> = 0..<0,
            holdingRegisters: Range<Int> = 0..<0, inputRegisters: Range<Int> = 0..<0
        ) {
            self.coils = coils
            self.discreteInputs = discreteInputs
            self.holdingRegisters = holdingRegisters
            self.inputRegisters = inputRegisters
        }

        public subscript(table: ModbusTable) -> Range<Int> {
            get {
                switch table {
                case .coil: coils
                case .discreteInput: discreteInputs
                case .holdingRegister: holdingRegisters
                case .inputRegister: inputRegisters
                }
            }
            set {
                switch table {
                case .coil: coils = newValue
                case .discreteInput: discreteInputs = newValue
                case .holdingRegister: holdingRegisters = newValue
                case .inputRegister: inputRegisters = newValue
                }
            }
        }
    }

    public let layout: Layout
    /// `modbus_mapping_t *`, owned; only touched with `lock` held.
    private let mapping: UnsafeMutablePointer<modbus_mapping_t>
    private let lock = ConditionLock()

    /// Creates the tables, every item zero.
    public init(layout: Layout) throws(ModbusError) {
        for table in ModbusTable.allCases {
            let range = layout[table]
            guard range.lowerBound >= 0, range.upperBound <= 65536 else {
                throw ModbusError.usage("\(table.rawValue) range \(range) is outside 0…65535")
            }
        }
        func start(_ r: Range<Int>) -> UInt32 { UInt32(r.isEmpty ? 0 : r.lowerBound) }
        func count(_ r: Range<Int>) -> UInt32 { UInt32(r.count) }
        let created = modbus_mapping_new_start_address(
            start(layout.coils), count(layout.coils),
            start(layout.discreteInputs), count(layout.discreteInputs),
            start(layout.holdingRegisters), count(layout.holdingRegisters),
            start(layout.inputRegisters), count(layout.inputRegisters)
        )
        let code = errno
        guard let created else { throw ModbusError.fromErrno(code, while: "allocate Modbus tables") }
        self.layout = layout
        mapping = created
    }

    deinit {
        modbus_mapping_free(mapping)
    }

    /// Reads bits of the coil or discrete-input table.
    public func bits(_ table: ModbusTable, address: Int, count: Int) throws(ModbusError) -> [Bool] {
        let offset = try offset(table, address, count, bits: true)
        return lock.withLock {
            let tab = table == .coil ? mapping.pointee.tab_bits : mapping.pointee.tab_input_bits
            return (0..<count).map { tab![offset + $0] != 0 }
        }
    }

    /// Writes bits of the coil or discrete-input table.
    public func setBits(_ table: ModbusTable, address: Int, _ values: [Bool]) throws(ModbusError) {
        let offset = try offset(table, address, values.count, bits: true)
        lock.withLock {
            let tab = table == .coil ? mapping.pointee.tab_bits : mapping.pointee.tab_input_bits
            for (i, value) in values.enumerated() { tab![offset + i] = value ? 1 : 0 }
        }
    }

    /// Reads registers of the holding or input register table.
    public func registers(_ table: ModbusTable, address: Int, count: Int) throws(ModbusError) -> [UInt16] {
        let offset = try offset(table, address, count, bits: false)
        return lock.withLock {
            let tab = table == .holdingRegister ? mapping.pointee.tab_registers : mapping.pointee.tab_input_registers
            return (0..<count).map { tab![offset + $0] }
        }
    }

    /// Writes registers of the holding or input register table, all at once.
    public func setRegisters(_ table: ModbusTable, address: Int, _ values: [UInt16]) throws(ModbusError) {
        let offset = try offset(table, address, values.count, bits: false)
        lock.withLock {
            let tab = table == .holdingRegister ? mapping.pointee.tab_registers : mapping.pointee.tab_input_registers
            for (i, value) in values.enumerated() { tab![offset + i] = value }
        }
    }

    /// Changes one register in place (read, change, write under the lock), e.g. one bit of it.
    public func modifyRegister(_ table: ModbusTable, address: Int, _ change: (inout UInt16) -> Void) throws(ModbusError) {
        let offset = try offset(table, address, 1, bits: false)
        lock.withLock {
            let tab = table == .holdingRegister ? mapping.pointee.tab_registers : mapping.pointee.tab_input_registers
            change(&tab![offset])
        }
    }

    /// Runs `body` with the C mapping and the lock held: how the server answers a request.
    func withMapping<T>(_ body: (UnsafeMutablePointer<modbus_mapping_t>) -> T) -> T {
        lock.withLock { body(mapping) }
    }

    private func offset(_ table: ModbusTable, _ address: Int, _ count: Int, bits: Bool) throws(ModbusError) -> Int {
        guard table.holdsBits == bits else {
            throw ModbusError.usage("\(table.rawValue) holds \(table.holdsBits ? "bits" : "registers"), not \(bits ? "bits" : "registers")")
        }
        let range = layout[table]
        guard count >= 0, address >= range.lowerBound, address + count <= range.upperBound else {
            let asked = count == 1 ? "\(address)" : "\(address)…\(address + count - 1)"
            let held = range.isEmpty ? "none" : "\(range.lowerBound)…\(range.upperBound - 1)"
            throw ModbusError.usage("\(table.rawValue) \(asked) is outside this unit's (\(held))")
        }
        return address - range.lowerBound
    }
}
