import CoreMetrics
import GatewayCore
import Prometheus

/// `/metrics`: the status snapshot in Prometheus text format.
///
/// Counters and gauges are swift-metrics handles made by a `PrometheusMetricsFactory` on a
/// registry of this instance's own (nothing global, so tests and a reloaded gateway each
/// have theirs). The snapshot holds totals, so each scrape adds the growth since the last
/// one. Histograms are already bucketed where they are measured, and swift-prometheus
/// histograms take only single observations, so those are written in the same text format
/// after the registry's output.
public final class StatusMetrics: Sendable {
    public let registry: PrometheusCollectorRegistry
    private let factory: PrometheusMetricsFactory
    private let lock = ConditionLock()
    // Guarded by `lock`.
    private nonisolated(unsafe) var counters: [String: (handle: CoreMetrics.Counter, last: UInt64)] = [:]
    private nonisolated(unsafe) var gauges: [String: CoreMetrics.Gauge] = [:]

    public init(registry: PrometheusCollectorRegistry = PrometheusCollectorRegistry()) {
        self.registry = registry
        self.factory = PrometheusMetricsFactory(registry: registry)
    }

    /// The whole exposition for `status`.
    public func render(_ status: GatewayStatus) -> String {
        lock.withLock {
            update(status)
            var text = registry.emitToString()
            var histograms = PrometheusHistogramText()
            for line in status.lines {
                histograms.add("campus_gateway_line_poll_latency_seconds", labels: [("line", line.line)], line.latency)
            }
            histograms.add("campus_gateway_routing_latency_seconds", labels: [], status.routing.latency)
            for uplink in status.uplinks {
                histograms.add("campus_gateway_uplink_ack_latency_seconds", labels: [("uplink", uplink.name)], uplink.ackLatency)
            }
            text += histograms.text
            return text
        }
    }

    private func update(_ status: GatewayStatus) {
        gauge("campus_gateway_info", [("site", status.site.id), ("version", status.version)], 1)
        gauge("campus_gateway_start_time_seconds", [], Double(status.startedAt) / 1000)
        gauge("campus_gateway_alarms_active", [], Double(status.alarms.count))
        for part in status.health {
            gauge("campus_gateway_health_alive", [("part", part.name)], part.alive ? 1 : 0)
        }
        for device in status.devices {
            gauge("campus_gateway_device_online", [("device", device.id)], device.online ? 1 : 0)
        }
        for line in status.lines {
            counter("campus_gateway_line_polls_total", [("line", line.line)], line.polls)
            counter("campus_gateway_line_poll_errors_total", [("line", line.line)], line.errors)
        }
        for (kind, count) in status.routing.eventsByKind.sorted(by: { $0.key < $1.key }) {
            counter("campus_gateway_events_total", [("kind", kind)], count)
        }
        counter("campus_gateway_events_unrouted_total", [], status.routing.unrouted)
        for uplink in status.uplinks {
            let labels = [("uplink", uplink.name)]
            gauge("campus_gateway_uplink_connected", labels, uplink.connected ? 1 : 0)
            gauge("campus_gateway_uplink_backlog", labels, Double(uplink.backlog))
            counter("campus_gateway_uplink_acknowledged_total", labels, uplink.acknowledged)
            gauge("campus_gateway_uplink_last_ack_timestamp_seconds", labels, Double(uplink.lastAck) / 1000)
        }
    }

    private func key(_ name: String, _ labels: [(String, String)]) -> String {
        name + labels.map { "|\($0.0)=\($0.1)" }.joined()
    }

    private func gauge(_ name: String, _ labels: [(String, String)], _ value: Double) {
        let key = key(name, labels)
        let handle = gauges[key] ?? CoreMetrics.Gauge(label: name, dimensions: labels, factory: factory)
        gauges[key] = handle
        handle.record(value)
    }

    /// Moves the counter up to `total`; a smaller total means its source started again
    /// (a restarted part), and counts from zero.
    private func counter(_ name: String, _ labels: [(String, String)], _ total: UInt64) {
        let key = key(name, labels)
        let entry = counters[key] ?? (CoreMetrics.Counter(label: name, dimensions: labels, factory: factory), 0)
        let growth = total >= entry.last ? total - entry.last : total
        if growth > 0 { entry.handle.increment(by: Int(clamping: growth)) }
        counters[key] = (entry.handle, total)
    }
}
