/// One NeuronEX-style load: `nodes` Modbus TCP devices, each with `groups` groups of
/// `pointsPerGroup` f32 points, every group polled every `intervalMs`.
///
/// In our profile format a NeuronEX group is a block of points in the device's profile;
/// points with the same interval form one poll group, so ten NeuronEX groups at 1 s are one
/// poll group of 10 000 points read by the same requests (docs/benchmarks.md, "NeuronEX
/// scenarios"). Blocks are `groupStride` registers apart, so no request spans two groups.
struct Scenario: Sendable, Codable {
    var nodes: Int
    var groups: Int
    var pointsPerGroup: Int
    var intervalMs: Int

    /// Registers between the starts of two groups: 2 per f32 point, plus a gap wider than
    /// the planner's 16-register join limit.
    var groupStride: Int { pointsPerGroup * 2 + 100 }

    var points: Int { nodes * groups * pointsPerGroup }
    var pointsPerNode: Int { groups * pointsPerGroup }

    /// `nodes×groups×points@interval`, as NeuronEX's tables name them.
    var name: String { "\(nodes)x\(groups)x\(pointsPerGroup)@\(intervalMs < 1000 ? "\(intervalMs)ms" : "\(intervalMs / 1000)s")" }

    /// Read requests per poll of one group: 62 f32 points (124 registers) per request, the
    /// most that fit in Modbus's 125.
    var requestsPerGroup: Int { (pointsPerGroup + 61) / 62 }

    /// Read requests per second the gateway should make.
    var requestsPerSecond: Double { Double(nodes * groups * requestsPerGroup) * 1000 / Double(intervalMs) }

    /// Points decoded per second.
    var pointsPerSecond: Double { Double(points) * 1000 / Double(intervalMs) }

    /// NeuronEX 3.2.1's six Modbus TCP scenarios, in their order.
    static let neuronEX: [Scenario] = [
        Scenario(nodes: 1, groups: 10, pointsPerGroup: 1000, intervalMs: 1000),
        Scenario(nodes: 5, groups: 10, pointsPerGroup: 1000, intervalMs: 1000),
        Scenario(nodes: 10, groups: 10, pointsPerGroup: 1000, intervalMs: 1000),
        Scenario(nodes: 1, groups: 1, pointsPerGroup: 1000, intervalMs: 100),
        Scenario(nodes: 5, groups: 1, pointsPerGroup: 1000, intervalMs: 100),
        Scenario(nodes: 10, groups: 1, pointsPerGroup: 1000, intervalMs: 100),
    ]

    /// The two loads with targets and published NeuronEX figures.
    static let hundredThousand = neuronEX[2]
    static let tenThousandFast = neuronEX[5]

    /// Parses `NxGxP@100ms` / `@1s`.
    init?(name: String) {
        let parts = name.split(separator: "@")
        guard parts.count == 2 else { return nil }
        let sizes = parts[0].split(separator: "x").compactMap { Int($0) }
        let interval = parts[1]
        let ms: Int?
        if interval.hasSuffix("ms") { ms = Int(interval.dropLast(2)) } else if interval.hasSuffix("s") { ms = Int(interval.dropLast()).map { $0 * 1000 } } else { ms = nil }
        guard sizes.count == 3, sizes.allSatisfy({ $0 > 0 }), let ms, ms >= 10 else { return nil }
        self.init(nodes: sizes[0], groups: sizes[1], pointsPerGroup: sizes[2], intervalMs: ms)
    }

    init(nodes: Int, groups: Int, pointsPerGroup: Int, intervalMs: Int) {
        self.nodes = nodes
        self.groups = groups
        self.pointsPerGroup = pointsPerGroup
        self.intervalMs = intervalMs
    }
}
