import GatewayCore

/// A dispatch sink that hands each routed event straight to the chosen uplinks' queues,
/// with no journal in between.
public final class UplinkFanOut: DispatchSink {
    private let uplinks: [any EventSink]

    public init(_ uplinks: [any EventSink]) {
        self.uplinks = uplinks
    }

    public func dispatch(_ event: Event, to destinations: Destinations) {
        destinations.forEach { uplinks[$0].submit(event) }
    }

    public func updateState(_ snapshot: DeviceSnapshot) {
        for uplink in uplinks { uplink.updateState(snapshot) }
    }
}
