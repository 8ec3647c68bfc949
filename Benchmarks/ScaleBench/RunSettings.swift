/// What every ScaleBench run shares.
struct RunSettings: Sendable {
    var binary: String
    /// Length of the measurement window.
    var seconds: Int
    /// Wait after every device is online, before the window starts.
    var settleSeconds: Int
    /// Share of each node's points changed once per poll interval, %; 0 = static values.
    var changingPercent: Double
    var seed: UInt64
    var keep: Bool
    var progress: @Sendable (String) -> Void
}
