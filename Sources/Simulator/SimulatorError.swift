/// Why a simulator operation was refused: an unknown device or point, a value that does not
/// fit the point, or an endpoint that cannot be served. `reason` is written for people.
public struct SimulatorError: Error, Sendable, Equatable, CustomStringConvertible {
    public var reason: String

    public init(_ reason: String) {
        self.reason = reason
    }

    public var description: String { reason }
}
