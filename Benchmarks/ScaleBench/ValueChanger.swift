import BenchSupport
import GatewayCore

/// Changes a share of every node's points once per poll interval, through the simulator's
/// control port (`set NODE POINT VALUE`, all of a tick's changes in one write), so the
/// gateway sees that share change at every poll and republishes the node's retained state.
struct ValueChanger {
    private let site: ScaleSite
    private let control: ControlClient
    /// Points changed per node and tick.
    let perNode: Int
    private var rng: SplitMix64
    private(set) var sets = 0
    /// Time spent in the control round trips, ns: how long the simulator took to apply them.
    private(set) var busyNs: UInt64 = 0

    init(site: ScaleSite, control: ControlClient, percent: Double, seed: UInt64) {
        self.site = site
        self.control = control
        perNode = percent > 0 ? max(1, Int((Double(site.scenario.pointsPerNode) * percent / 100).rounded())) : 0
        rng = SplitMix64(seed: seed)
    }

    /// One tick: `perNode` random points of every node get a new random value.
    mutating func tick() throws(BenchError) {
        guard perNode > 0 else { return }
        let scenario = site.scenario
        var commands: [String] = []
        commands.reserveCapacity(perNode * site.nodeIDs.count)
        for node in site.nodeIDs {
            for _ in 0..<perNode {
                let group = Int(rng.next() % UInt64(scenario.groups))
                let index = Int(rng.next() % UInt64(scenario.pointsPerGroup))
                // A sensor-like value with three decimals, −1000…1000: it does not round-trip
                // through f32, so the published number has the full 17 digits.
                let value = Double(Int64(rng.next() % 2_000_000) - 1_000_000) / 1000
                commands.append("set \(node) \(site.pointID(group: group, index: index)) \(value)")
            }
        }
        let start = WallClock.monotonicNanoseconds()
        try control.sendAll(commands)
        busyNs += WallClock.monotonicNanoseconds() - start
        sets += commands.count
    }
}
