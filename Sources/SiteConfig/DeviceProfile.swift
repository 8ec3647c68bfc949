import GatewayCore

/// A device type: which points it has, how to read them, and what it can be told to do.
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
    /// Commands the device accepts, by id.
    public var commands: [CommandSpec]
    /// Most registers one read request may ask for (some devices refuse Modbus's 125).
    public var maxRegisters: Int
    /// Most bits one read request may ask for.
    public var maxBits: Int
    /// Addresses that must never be read (reading them faults or resets some devices).
    public var prohibited: [AddressRange]
    /// Wait after (re)connecting before the first request: some converters drop it otherwise.
    public var connectDelay: Duration
    /// Wait before a request to this device when the line last talked to another unit.
    public var unitDelay: Duration
    /// A latched emergency clears itself this long after its input returned to normal;
    /// nil: only a reset command clears it.
    public var autoReset: Duration?
    /// More than `changes` changes of one input within `within` is chattering.
    public var chattering: Chattering

    public struct Chattering: Sendable, Hashable {
        public var changes: Int
        public var within: Duration
        public init(changes: Int = 10, within: Duration = .seconds(60)) {
            self.changes = changes
            self.within = within
        }
    }

    public init(
        name: String, description: String = "", sourceFile: String, points: [PointSpec], poll: Duration? = nil,
        timeout: Duration? = nil, commands: [CommandSpec] = [], maxRegisters: Int = 125, maxBits: Int = 2000,
        prohibited: [AddressRange] = [], connectDelay: Duration = .zero, unitDelay: Duration = .zero,
        autoReset: Duration? = nil, chattering: Chattering = Chattering()
    ) {
        self.name = name
        self.description = description
        self.sourceFile = sourceFile
        self.points = points
        self.poll = poll
        self.timeout = timeout
        self.commands = commands
        self.maxRegisters = maxRegisters
        self.maxBits = maxBits
        self.prohibited = prohibited
        self.connectDelay = connectDelay
        self.unitDelay = unitDelay
        self.autoReset = autoReset
        self.chattering = chattering
    }

    public func command(_ id: String) -> CommandSpec? { commands.first { $0.id == id } }

    public func pointIndex(_ id: String) -> Int? { points.firstIndex { $0.id == id } }
}
