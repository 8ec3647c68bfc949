/// What one retention pass removed.
public struct RetentionReport: Sendable, Equatable {
    /// Oldest delivered records deleted whole.
    public var deleted = 0
    /// Delivered records whose payload the size cap removed (hash kept for the chain).
    public var pruned = 0
    /// Undelivered non-emergency records the size cap had to give up: lost to their uplinks.
    public var abandoned = 0

    public init() {}
}
