extension Event {
    /// The event as platforms receive it (see docs/mqtt-api.md). Keys always appear in this
    /// order; optional keys (`point`, `cid`, `value`, `detail`, `collapsed`) are left out when empty.
    public func jsonBytes() -> [UInt8] {
        var w = JSONWriter(capacity: 384)
        w.beginObject()
        w.field("v", Int64(Event.version))
        w.field("id", id.description)
        w.field("seq", Int64(seq))
        w.field("site", site)
        w.field("device", device)
        if !point.isEmpty { w.field("point", point) }
        w.field("kind", kind.rawValue)
        w.field("state", state.rawValue)
        w.field("severity", severity.rawValue)
        w.field("priority", Int64(severity.priority))
        w.field("ts", timestamp)
        w.field("location", location)
        w.key("cameras")
        w.beginArray()
        for camera in cameras { w.string(camera) }
        w.endArray()
        if !contactID.isEmpty { w.field("cid", contactID) }
        w.field("drill", drill)
        if let value {
            w.key("value")
            w.value(value)
        }
        if !detail.isEmpty { w.field("detail", detail) }
        if collapsed > 0 { w.field("collapsed", Int64(collapsed)) }
        w.endObject()
        return w.bytes
    }
}
