/// Polls `condition` until it holds; throws a timeout error naming `what` after `timeout`.
public func eventually(
    _ what: String, timeout: Duration = .seconds(10), pollEvery interval: Duration = .milliseconds(5),
    _ condition: @Sendable () throws -> Bool
) async throws {
    let deadline = ContinuousClock.now + timeout
    while try !condition() {
        guard ContinuousClock.now < deadline else { throw EventuallyTimeout(message: "timed out after \(timeout) waiting for \(what)") }
        try await Task.sleep(for: interval)
    }
}

public struct EventuallyTimeout: Error, CustomStringConvertible {
    public let message: String
    public var description: String { message }
}
