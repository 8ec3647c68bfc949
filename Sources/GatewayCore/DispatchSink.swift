/// What the router hands its routed events to: the journal in a running gateway, or
/// straight to the uplinks where no journal is wanted (tests, benchmarks).
///
/// Called in `seq` order, from whichever thread submitted the event, so implementations
/// must not block: a hand-over is a queue push, never I/O.
public protocol DispatchSink: AnyObject, Sendable {
    /// A stamped event and the uplinks its routes chose. Called for unrouted events too,
    /// with empty `destinations`, so a journal can keep every event.
    func dispatch(_ event: Event, to destinations: Destinations)
    /// The latest state of a device, for every uplink.
    func updateState(_ snapshot: DeviceSnapshot)
}
