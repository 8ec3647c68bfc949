import GatewayCore

/// Events that test the link itself: the periodic test (Contact ID 602) an uplink sends on
/// its own, and the manual test alarm of `campus-gateway test-alarm` (601).
///
/// They prove the path works *now*, like the heartbeat: they are not journaled, never
/// replayed, and carry `seq` 0, outside the gateway's event sequence.
public enum TestEvent {
    public static let periodicKind: EventKind = "system.test"
    public static let manualKind: EventKind = "system.test_alarm"

    public static func periodic(site: String, timestamp: Int64) -> Event {
        make(site: site, kind: periodicKind, contactID: "602", detail: "periodic test", timestamp: timestamp)
    }

    public static func manual(site: String, timestamp: Int64) -> Event {
        make(site: site, kind: manualKind, contactID: "601", detail: "manual test alarm from campus-gateway test-alarm", timestamp: timestamp)
    }

    private static func make(site: String, kind: EventKind, contactID: String, detail: String, timestamp: Int64) -> Event {
        var ids = EventIDGenerator()
        return Event(
            site: site, device: "gateway", kind: kind, state: .active, severity: .info, timestamp: timestamp,
            contactID: contactID, detail: detail, id: ids.next(milliseconds: timestamp), seq: 0)
    }
}
