import GatewayCore

/// The JSON on `{prefix}/commands/result`: exactly one per command received.
enum CommandResultPayload {
    static func encode(
        site: String, id: String, target: String, action: String, status: String, reason: String, timestamp: Int64,
        elapsed: Duration
    ) -> [UInt8] {
        var w = JSONWriter(capacity: 256)
        w.beginObject()
        w.field("v", Int64(Event.version))
        w.field("site", site)
        w.field("id", id)
        w.field("target", target)
        w.field("action", action)
        w.field("status", status)
        if !reason.isEmpty { w.field("reason", reason) }
        w.field("ts", timestamp)
        w.field("elapsed_ms", elapsed.milliseconds)
        w.endObject()
        return w.bytes
    }
}
