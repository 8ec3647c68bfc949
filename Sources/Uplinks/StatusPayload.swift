import GatewayCore

/// The gateway's own JSON messages on `status` and `heartbeat` (see docs/mqtt-api.md).
public enum StatusPayload {
    /// Published retained on every (re)connect, and again when the journal's health changes.
    /// `journal`: `ok`, `full` or `corrupt`; left out without a journal. `path`: `primary` or
    /// `backup`, the broker address in use.
    public static func birth(site: String, timestamp: Int64, version: String, journal: String? = nil, path: String? = nil) -> [UInt8] {
        var w = header(site: site)
        w.field("state", "online")
        w.field("ts", timestamp)
        w.field("version", version)
        if let journal { w.field("journal", journal) }
        if let path { w.field("path", path) }
        w.endObject()
        return w.bytes
    }

    /// The MQTT last will: the broker publishes it when the connection dies without DISCONNECT.
    /// It has no time: it is fixed when the client connects.
    public static func lastWill(site: String) -> [UInt8] {
        var w = header(site: site)
        w.field("state", "offline")
        w.endObject()
        return w.bytes
    }

    /// Published retained just before a clean disconnect.
    public static func shutdown(site: String, timestamp: Int64, reason: String = "shutdown") -> [UInt8] {
        var w = header(site: site)
        w.field("state", "offline")
        w.field("ts", timestamp)
        w.field("reason", reason)
        w.endObject()
        return w.bytes
    }

    /// `seq`: the highest event `seq` the broker has acknowledged (0 before the first);
    /// `backlog`: events queued or in flight, not yet acknowledged.
    public static func heartbeat(site: String, timestamp: Int64, seq: UInt64, backlog: Int, path: String? = nil) -> [UInt8] {
        var w = header(site: site)
        w.field("ts", timestamp)
        w.field("seq", Int64(clamping: seq))
        w.field("backlog", Int64(backlog))
        if let path { w.field("path", path) }
        w.endObject()
        return w.bytes
    }

    private static func header(site: String) -> JSONWriter {
        var w = JSONWriter(capacity: 128)
        w.beginObject()
        w.field("v", Int64(Event.version))
        w.field("site", site)
        return w
    }
}
