import GatewayCore

/// A device type: which points it has and how to read them.
public struct DeviceProfile: Sendable {
    public var name: String
    public var description: String
    /// Absolute path of the profile file.
    public var sourceFile: String
    public var points: [PointSpec]
    /// Poll interval for devices of this type unless the site says otherwise.
    public var poll: Duration?
    /// Response timeout for devices of this type unless the site says otherwise.
    public var timeout: Duration?

    public init(name: String, description: String = "", sourceFile: String, points: [PointSpec], poll: Duration? = nil, timeout: Duration? = nil) {
        self.name = name
        self.description = description
        self.sourceFile = sourceFile
        self.points = points
        self.poll = poll
        self.timeout = timeout
    }
}
