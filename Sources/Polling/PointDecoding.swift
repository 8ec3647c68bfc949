import SiteConfig

/// What decoding a point needs of its spec, as plain values with no references: the poll
/// loop decodes every point of every poll, and passing a whole `PointSpec` there copies
/// (retains and releases) its strings each time.
public struct PointDecoding: Sendable {
    let type: PointSpec.ValueType
    let wordOrder: PointSpec.WordOrder
    let active: PointSpec.Active
    let bit: Int
    let scale: Double
    let offset: Double
    /// `value = raw` exactly: integers stay integers.
    let isIdentity: Bool

    public init(_ spec: PointSpec) {
        type = spec.type
        wordOrder = spec.wordOrder
        active = spec.active
        bit = spec.bit ?? 0
        scale = spec.scale
        offset = spec.offset
        isIdentity = spec.scale == 1 && spec.offset == 0
    }

    /// One array per distinct profile, shared by every device that uses it.
    static func table(for devices: [DeviceConfig]) -> [[PointDecoding]] {
        var byProfile: [String: [PointDecoding]] = [:]
        return devices.map { device in
            if let known = byProfile[device.profile.name] { return known }
            let made = device.profile.points.map(PointDecoding.init)
            byProfile[device.profile.name] = made
            return made
        }
    }
}
