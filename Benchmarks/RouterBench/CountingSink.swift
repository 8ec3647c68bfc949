import GatewayCore

/// A dispatch sink that only counts, so the throughput run measures the router itself.
/// The router calls `dispatch` from one thread at a time (the gate holder), in seq order.
final class CountingSink: DispatchSink {
    // Only the router's dispatcher writes these, one thread at a time under its gate;
    // the benchmark reads them after the producers have finished.
    nonisolated(unsafe) var count = 0
    nonisolated(unsafe) var uplinkBits = 0

    func dispatch(_ event: Event, to destinations: Destinations) {
        count &+= 1
        uplinkBits &+= destinations.count
    }

    func updateState(_ snapshot: DeviceSnapshot) {}
}
