/// How a command ended. Every command ends in exactly one result.
public struct CommandResult: Sendable, Equatable {
    public enum Outcome: Sendable, Equatable {
        /// Written, and confirmed by read-back where the profile asks for one.
        case done
        /// Tried and did not succeed: the device's exception, a timeout, a read-back mismatch,
        /// an offline device. The string says which, for people.
        case failed(String)
        /// Never tried: unknown device or command, a bad argument, not authorised.
        case refused(String)
    }

    public var request: CommandRequest
    public var outcome: Outcome
    /// From accepting the request to its outcome.
    public var elapsed: Duration

    public init(request: CommandRequest, outcome: Outcome, elapsed: Duration) {
        self.request = request
        self.outcome = outcome
        self.elapsed = elapsed
    }

    /// `done`, `failed` or `refused`, as the result topic and the CLI spell it.
    public var status: String {
        switch outcome {
        case .done: "done"
        case .failed: "failed"
        case .refused: "refused"
        }
    }

    /// The reason for `failed` and `refused`; empty for `done`.
    public var reason: String {
        switch outcome {
        case .done: ""
        case .failed(let reason), .refused(let reason): reason
        }
    }
}
