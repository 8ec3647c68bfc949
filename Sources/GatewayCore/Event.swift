/// One thing that happened on a device or in the gateway, as platforms receive it.
///
/// `seq` and `id` are zero until the router stamps the event: the stamp is what makes
/// `seq` gap-free per gateway.
public struct Event: Sendable, Equatable {
    /// Version of the JSON contract.
    public static let version = 1

    public var id: EventID
    public var seq: UInt64
    public var site: String
    public var device: String
    /// Empty for device-level events (`device.offline`).
    public var point: String
    public var kind: EventKind
    public var state: EventState
    public var severity: Severity
    /// When the device showed the change: UTC milliseconds since 1970.
    public var timestamp: Int64
    public var location: String
    public var cameras: [String]
    /// Contact ID event code (SIA DC-05), e.g. "120" for a panic alarm; empty when none.
    public var contactID: String
    public var drill: Bool
    /// The point's value that triggered the event, when there is one.
    public var value: PointValue?
    /// Free text for people (a fault's reason); empty when none.
    public var detail: String
    /// For a flood-control summary: how many events of this device and kind it stands
    /// for (held back in one window); 0 for an ordinary event.
    public var collapsed: Int = 0
    /// True for a change the first read after a restart found: it happened while the
    /// gateway was down, so `ts` is when it was found, not when it happened.
    public var afterRestart: Bool = false
    /// When the poll response that showed the change arrived; only for latency
    /// measurement, see `MonotonicStamp`.
    public var observedAt = MonotonicStamp()

    public init(
        site: String, device: String, point: String = "", kind: EventKind, state: EventState,
        severity: Severity, timestamp: Int64, location: String = "", cameras: [String] = [],
        contactID: String = "", drill: Bool = false, value: PointValue? = nil, detail: String = "",
        id: EventID = .none, seq: UInt64 = 0
    ) {
        self.id = id
        self.seq = seq
        self.site = site
        self.device = device
        self.point = point
        self.kind = kind
        self.state = state
        self.severity = severity
        self.timestamp = timestamp
        self.location = location
        self.cameras = cameras
        self.contactID = contactID
        self.drill = drill
        self.value = value
        self.detail = detail
    }
}
