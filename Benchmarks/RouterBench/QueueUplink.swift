import EventRouter
import GatewayCore

/// Stands in for an uplink: the same `LaneQueue` the real uplink queues events in, drained
/// by a consumer thread of its own (as the publisher thread would), without MQTT.
final class QueueUplink: EventSink {
    let queue = LaneQueue<Event>()

    func submit(_ event: Event) { queue.push(event, lane: event.severity.lane) }
    func updateState(_ snapshot: DeviceSnapshot) {}
}
