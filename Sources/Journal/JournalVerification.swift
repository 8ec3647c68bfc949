/// What `events --verify` found.
public struct JournalVerification: Sendable, Equatable {
    public var checked: Int = 0
    /// Records whose payload the size cap removed: their stored hash links the chain.
    public var pruned: Int = 0
    public var firstSeq: UInt64 = 0
    public var lastSeq: UInt64 = 0
    /// Each broken link, for people; empty when the chain is intact.
    public var problems: [String] = []
    /// Seq ranges with no record while the chain around them is intact: events the journal
    /// could not write (a full disk), not records removed afterwards.
    public var gaps: [String] = []

    public var isIntact: Bool { problems.isEmpty }
}
