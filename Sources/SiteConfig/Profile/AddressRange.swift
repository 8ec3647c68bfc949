import GatewayCore

/// Consecutive addresses of one table, both ends included: a profile's `prohibited` entry.
public struct AddressRange: Sendable, Hashable {
    public var table: ModbusTable
    public var first: Int
    public var last: Int

    public init(table: ModbusTable, first: Int, last: Int) {
        self.table = table
        self.first = first
        self.last = last
    }

    /// Whether a read of `count` items at `address` of `table` would touch this range.
    public func overlaps(_ table: ModbusTable, address: Int, count: Int) -> Bool {
        self.table == table && address <= last && address + count - 1 >= first
    }
}
