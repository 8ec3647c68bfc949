import SiteConfig

/// What `PointTracker` needs of a point's spec: 16 bytes instead of the whole `PointSpec`
/// (about 180). There is a tracker per point of every device, 100 000 on a large site, and
/// the profile keeps the spec itself once.
struct PointRules: Sendable {
    let debounceNs: UInt64
    let isBinary: Bool
    let raisesEvents: Bool
    let isCounter: Bool
    let isLatched: Bool
    let latchesAlarm: Bool
    let needsArming: Bool

    init(_ spec: PointSpec) {
        debounceNs = spec.debounce.nanoseconds
        isBinary = spec.isBinary
        raisesEvents = spec.raisesEvents
        isCounter = spec.mode == .counter
        isLatched = spec.mode == .latched
        latchesAlarm = spec.latchesAlarm
        needsArming = spec.needsArming
    }
}
