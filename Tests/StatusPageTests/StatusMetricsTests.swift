import Testing
@testable import StatusPage

/// `/metrics` is valid Prometheus text and says what the snapshot says.
@Suite struct StatusMetricsTests {
    @Test func exposesEveryFamilyAsParsablePrometheusText() throws {
        let metrics = StatusMetrics()
        let text = metrics.render(StatusFixture.status())
        let parsed = try PrometheusText(text)
        #expect(parsed.value("campus_gateway_line_polls_total", ["line": "tcp://127.0.0.1:1502"]) == 120)
        #expect(parsed.value("campus_gateway_line_poll_errors_total", ["line": "tcp://127.0.0.1:1502"]) == 3)
        #expect(parsed.value("campus_gateway_events_total", ["kind": "alarm.emergency"]) == 2)
        #expect(parsed.value("campus_gateway_events_total", ["kind": "device.offline"]) == 1)
        #expect(parsed.value("campus_gateway_uplink_backlog", ["uplink": "police"]) == 2)
        #expect(parsed.value("campus_gateway_uplink_backlog", ["uplink": "edu \"bureau\""]) == 7)
        #expect(parsed.value("campus_gateway_uplink_connected", ["uplink": "edu \"bureau\""]) == 0)
        #expect(parsed.value("campus_gateway_alarms_active") == 1)
        #expect(parsed.value("campus_gateway_device_online", ["device": "perimeter-north"]) == 0)
        #expect(parsed.types["campus_gateway_routing_latency_seconds"] == "histogram")
        #expect(parsed.types["campus_gateway_uplink_ack_latency_seconds"] == "histogram")
        #expect(parsed.types["campus_gateway_line_poll_latency_seconds"] == "histogram")
        #expect(parsed.types["campus_gateway_events_total"] == "counter")
    }

    @Test func histogramBucketsAreCumulativeAndEndAtTheCount() throws {
        let parsed = try PrometheusText(StatusMetrics().render(StatusFixture.status()))
        let buckets = parsed.values("campus_gateway_routing_latency_seconds_bucket")
        #expect(buckets.count == LatencyHistogram.defaultBounds.count + 1)
        #expect(zip(buckets, buckets.dropFirst()).allSatisfy { $0.value <= $1.value })
        #expect(buckets.first { $0.labels["le"] == "0.0001" }?.value == 1)
        #expect(buckets.first { $0.labels["le"] == "0.0005" }?.value == 2)
        #expect(buckets.last?.labels["le"] == "+Inf")
        #expect(buckets.last?.value == 3)
        #expect(parsed.value("campus_gateway_routing_latency_seconds_count") == 3)
        let sum = try #require(parsed.value("campus_gateway_routing_latency_seconds_sum"))
        #expect(abs(sum - 7.00032) < 1e-9)
    }

    @Test func countersFollowTheSnapshotAcrossScrapes() throws {
        let metrics = StatusMetrics()
        var status = StatusFixture.status()
        _ = metrics.render(status)
        status.routing.eventsByKind["alarm.emergency"] = 5
        status.routing.eventsByKind["gate.forced"] = 1
        let parsed = try PrometheusText(metrics.render(status))
        #expect(parsed.value("campus_gateway_events_total", ["kind": "alarm.emergency"]) == 5)
        #expect(parsed.value("campus_gateway_events_total", ["kind": "gate.forced"]) == 1)
    }
}
