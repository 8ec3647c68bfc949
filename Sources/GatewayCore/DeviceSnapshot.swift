/// The live state of one device, published retained so a platform's "online patrol" sees
/// it at any time.
public struct DeviceSnapshot: Sendable, Equatable {
    public var device: String
    public var profile: String
    public var location: String
    public var online: Bool
    /// UTC milliseconds of the last successful poll; 0 when never read.
    public var lastPoll: Int64
    /// Point id → decoded value, in profile order.
    public var points: [(id: String, value: PointValue)]
    /// Ids of points whose alarm condition is active.
    public var activePoints: [String]
    /// Why the device is offline, when it is.
    public var error: String

    public init(
        device: String, profile: String, location: String, online: Bool, lastPoll: Int64,
        points: [(id: String, value: PointValue)], activePoints: [String] = [], error: String = ""
    ) {
        self.device = device
        self.profile = profile
        self.location = location
        self.online = online
        self.lastPoll = lastPoll
        self.points = points
        self.activePoints = activePoints
        self.error = error
    }

    public static func == (a: DeviceSnapshot, b: DeviceSnapshot) -> Bool {
        a.device == b.device && a.profile == b.profile && a.location == b.location && a.online == b.online
            && a.lastPoll == b.lastPoll && a.activePoints == b.activePoints && a.error == b.error
            && a.points.count == b.points.count
            && zip(a.points, b.points).allSatisfy { $0.id == $1.id && $0.value == $1.value }
    }

    /// Same device state apart from when it was last polled: no need to publish again.
    public func sameState(as other: DeviceSnapshot) -> Bool {
        var copy = other
        copy.lastPoll = lastPoll
        return self == copy
    }

    public func jsonBytes(site: String) -> [UInt8] {
        var w = JSONWriter(capacity: 256 + points.count * 24)
        w.beginObject()
        w.field("v", Int64(Event.version))
        w.field("site", site)
        w.field("device", device)
        w.field("profile", profile)
        w.field("location", location)
        w.field("online", online)
        w.field("last_poll", lastPoll)
        w.key("points")
        w.beginObject()
        for p in points {
            w.key(p.id)
            w.value(p.value)
        }
        w.endObject()
        w.key("active")
        w.beginArray()
        for a in activePoints { w.string(a) }
        w.endArray()
        if !error.isEmpty { w.field("error", error) }
        w.endObject()
        return w.bytes
    }
}
