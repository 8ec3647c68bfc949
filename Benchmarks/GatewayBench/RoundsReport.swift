/// Scenario (c) round by round: how long pressing all buttons took, the slowest press's
/// flip → subscriber, and how the reset commands ended.
struct RoundsReport {
    var pressesPerRound: Int
    /// Per round: first press sent → last press's `ok` (ms): "at once" within this.
    var pressSpreadMs: [Double] = []
    /// Per round: the slowest matched press, flip → subscriber (ms); presses delivered.
    var slowestMs: [Double] = []
    var delivered: [Int] = []
    /// Reset commands answered `done`, answered otherwise, or not answered within 5 s.
    var resetsDone = 0
    var resetsFailed = 0
    var resetsUnanswered = 0
    /// Resets whose `cleared` event did not come.
    var clearsMissing = 0

    var rounds: Int { slowestMs.count }
}
