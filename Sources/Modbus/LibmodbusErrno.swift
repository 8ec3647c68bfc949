import CModbus

/// libmodbus's own error numbers, `MODBUS_ENOBASE + n`. The C header builds them from enum
/// values in macros Swift cannot import, so they are restated here.
enum LibmodbusErrno {
    static let base = Int32(MODBUS_ENOBASE)
    /// EMBXILFUN (1) … EMBXGTAR (11): the device answered with this exception code.
    static let exceptions = (base + 1)...(base + 11)
    static let badCRC = base + 12
    static let badData = base + 13
    static let badException = base + 14
    static let unknownException = base + 15
    static let tooMuchData = base + 16
    static let badSlave = base + 17
}
