/// One device as the status page shows it.
public struct DeviceStatus: Sendable, Codable, Equatable {
    public var id: String
    public var profile: String
    /// Where it stands, in any language (东门).
    public var location: String
    /// The bus it is polled on (`tcp://10.0.0.5:502`, `rtu:///dev/ttyS1`).
    public var line: String
    public var online: Bool
    /// UTC milliseconds of the last successful poll; 0 when never read.
    public var lastPoll: Int64
    /// Why it is offline, when it is.
    public var error: String
    public var points: [PointReading]

    public init(
        id: String, profile: String, location: String, line: String, online: Bool, lastPoll: Int64, error: String = "",
        points: [PointReading] = []
    ) {
        self.id = id
        self.profile = profile
        self.location = location
        self.line = line
        self.online = online
        self.lastPoll = lastPoll
        self.error = error
        self.points = points
    }
}
