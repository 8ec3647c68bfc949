/// Hand-overs in progress and when one last finished, to tell a busy router from a hung one.
struct HandOverWatch {
    private(set) var inProgress = 0
    /// Monotonic ns of the last finish, or of the start that made `inProgress` non-zero.
    private(set) var lastProgress: UInt64 = 0

    mutating func begin(at now: UInt64) {
        if inProgress == 0 { lastProgress = now }
        inProgress += 1
    }

    mutating func end(at now: UInt64) {
        inProgress -= 1
        lastProgress = now
    }

    /// How long hand-overs have been waiting without any finishing; nil when none waits.
    func stuckFor(now: UInt64) -> UInt64? {
        inProgress > 0 ? now &- lastProgress : nil
    }
}
