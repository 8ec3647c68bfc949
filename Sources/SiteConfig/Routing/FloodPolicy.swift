/// Flood control: per device and event kind, at most `limit` events pass in any `window`;
/// the rest of a burst is collapsed into one summary event carrying their count.
/// Emergencies (critical) are never collapsed.
public struct FloodPolicy: Sendable, Equatable {
    public var limit: Int
    public var window: Duration

    public init(limit: Int = 10, window: Duration = .seconds(10)) {
        self.limit = limit
        self.window = window
    }

    /// What a site gets when its file says nothing.
    public static let standard = FloodPolicy()
}
