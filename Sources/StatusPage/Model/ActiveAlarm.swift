/// An alarm that is active now: raised and not yet cleared.
public struct ActiveAlarm: Sendable, Codable, Equatable {
    public var device: String
    public var point: String
    public var kind: String
    public var severity: String
    public var location: String
    /// UTC milliseconds when the device first showed it.
    public var since: Int64
    public var drill: Bool

    public init(device: String, point: String, kind: String, severity: String, location: String, since: Int64, drill: Bool = false) {
        self.device = device
        self.point = point
        self.kind = kind
        self.severity = severity
        self.location = location
        self.since = since
        self.drill = drill
    }
}
