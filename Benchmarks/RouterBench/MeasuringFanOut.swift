import EventRouter
import GatewayCore

/// Hands events to the uplink queues (`UplinkFanOut`, as a gateway without journal does)
/// and records, per event, monotonic now minus the submit time the producer wrote into
/// `timestamp`: the producer-to-uplink-queue latency.
final class MeasuringFanOut: DispatchSink {
    private let fanOut: UplinkFanOut
    // Written only by the router's dispatcher (one thread at a time, under its gate);
    // read after the producers have been joined.
    nonisolated(unsafe) private var samples: UnsafeMutableBufferPointer<UInt64>
    nonisolated(unsafe) private(set) var recorded = 0

    init(uplinks: [QueueUplink], capacity: Int) {
        fanOut = UplinkFanOut(uplinks)
        samples = .allocate(capacity: capacity)
    }

    deinit { samples.deallocate() }

    func dispatch(_ event: Event, to destinations: Destinations) {
        fanOut.dispatch(event, to: destinations)
        if recorded < samples.count, event.timestamp > 0 {
            samples[recorded] = WallClock.monotonicNanoseconds() &- UInt64(event.timestamp)
            recorded += 1
        }
    }

    func updateState(_ snapshot: DeviceSnapshot) {}

    var latencies: [UInt64] { Array(samples[0..<recorded]) }
}
