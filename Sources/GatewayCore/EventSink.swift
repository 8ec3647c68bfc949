/// Where producers hand what they observe: the router takes it from the bus workers, and
/// each uplink takes it from the router. Implementations must not block the caller: bus
/// workers call in from their own threads between polls.
public protocol EventSink: AnyObject, Sendable {
    /// A new event. The router stamps `id` and `seq`; uplinks receive stamped events.
    func submit(_ event: Event)
    /// The latest state of a device; only the newest one per device matters.
    func updateState(_ snapshot: DeviceSnapshot)
}
