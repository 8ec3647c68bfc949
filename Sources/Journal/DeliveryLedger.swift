/// Told when a broker acknowledged an event (PUBACK), so the uplink's delivery cursor can
/// advance; `uplink` is the uplink's name. Must not block: it is called on the MQTT client's
/// network thread.
public protocol DeliveryLedger: AnyObject, Sendable {
    func acknowledged(seq: UInt64, uplink: String)
}
