/// Whether one vital part (router, journal) answered the last liveness check.
public struct HealthReport: Sendable, Codable, Equatable {
    public var name: String
    public var alive: Bool
    public var detail: String

    public init(name: String, alive: Bool, detail: String = "") {
        self.name = name
        self.alive = alive
        self.detail = detail
    }
}
