/// Where one routed event goes: a set of uplinks (bit `i` is the site's `i`-th uplink) and,
/// for each, the route that chose it, whose topic and QoS the uplink then uses.
///
/// A fixed-size value, so deciding destinations never allocates on the router's hot path.
public struct Destinations: Sendable, Equatable, CustomStringConvertible {
    /// Most uplinks a site may have.
    public static let capacity = 16
    private static let noRoute = UInt16.max

    public private(set) var mask: UInt16 = 0
    private var routes = SIMD16<UInt16>(repeating: Destinations.noRoute)

    public init() {}

    /// Every uplink of `count`, through no particular route (a site without routes).
    public static func all(_ count: Int) -> Destinations {
        var result = Destinations()
        for uplink in 0..<min(count, capacity) { result.insert(uplink: uplink, route: nil) }
        return result
    }

    public var isEmpty: Bool { mask == 0 }
    public var count: Int { mask.nonzeroBitCount }

    /// Adds `uplink`; the first route to add an uplink is the one that stays.
    public mutating func insert(uplink: Int, route: Int?) {
        precondition(uplink >= 0 && uplink < Self.capacity, "uplink index out of range")
        let bit = UInt16(1) << UInt16(uplink)
        guard mask & bit == 0 else { return }
        mask |= bit
        if let route { routes[uplink] = UInt16(truncatingIfNeeded: route) }
    }

    public func contains(uplink: Int) -> Bool {
        uplink >= 0 && uplink < Self.capacity && mask & (UInt16(1) << UInt16(uplink)) != 0
    }

    /// Index of the route that sent the event to `uplink`, or nil (default topic and QoS).
    public func route(forUplink uplink: Int) -> Int? {
        guard contains(uplink: uplink), routes[uplink] != Self.noRoute else { return nil }
        return Int(routes[uplink])
    }

    /// The uplink indexes, ascending.
    public func forEach(_ body: (Int) throws -> Void) rethrows {
        var rest = mask
        while rest != 0 {
            let uplink = rest.trailingZeroBitCount
            try body(uplink)
            rest &= rest - 1
        }
    }

    public var description: String {
        var parts: [String] = []
        forEach { uplink in parts.append(route(forUplink: uplink).map { "\(uplink)←route \($0)" } ?? "\(uplink)") }
        return "[" + parts.joined(separator: ", ") + "]"
    }
}
