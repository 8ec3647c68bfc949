/// Where one uplink's undelivered events are: the journal file and the uplink's bit.
public struct JournalSource: Sendable, Equatable {
    public let path: String
    public let bit: Int

    public init(path: String, bit: Int) {
        self.path = path
        self.bit = bit
    }
}
