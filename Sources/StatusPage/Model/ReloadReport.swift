/// How the last reload went.
public struct ReloadReport: Sendable, Codable, Equatable {
    /// UTC milliseconds.
    public var at: Int64
    public var applied: Bool
    /// One line per change applied, or per error (`site.yaml:12:5: error: …`).
    public var lines: [String]

    public init(at: Int64, applied: Bool, lines: [String]) {
        self.at = at
        self.applied = applied
        self.lines = lines
    }
}
