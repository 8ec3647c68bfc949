import BenchSupport
import GatewayCore

/// Scenario (b)'s lower-priority load: the SOS columns' own `fault` and `mains_fail` inputs
/// (`device.fault` and `power.mains_failure`, severity minor, a lane below the tamper
/// flips' major), toggled round robin over every column. Each input changes at most once
/// per `spacingNs`, so every change is seen by a 100 ms poll and becomes one event.
final class TelemetryLoad {
    static let points = ["fault", "mains_fail"]
    static let spacingNs: UInt64 = 250_000_000

    private let deviceIDs: [String]
    /// Its own control connections (one per simulator process), beside the flips' ones.
    private let controls: [ControlClient]
    private let devicesPerControl: Int
    private var cursor = 0
    private var active: [Bool]
    private var changedAtNs: [UInt64]
    /// Input changes made, each one event for every uplink.
    private(set) var changes = 0

    init(deviceIDs: [String], controls: [ControlClient], devicesPerControl: Int) {
        self.deviceIDs = deviceIDs
        self.controls = controls
        self.devicesPerControl = devicesPerControl
        active = Array(repeating: false, count: deviceIDs.count * Self.points.count)
        changedAtNs = Array(repeating: 0, count: active.count)
    }

    /// Changes up to `count` inputs now, fewer when the next ones in turn changed too
    /// recently; returns how many it changed.
    @discardableResult
    func change(upTo count: Int) throws(BenchError) -> Int {
        var done = 0
        while done < count {
            let input = cursor
            let now = WallClock.monotonicNanoseconds()
            guard now &- changedAtNs[input] >= Self.spacingNs else { break }
            // Column by column first, so one device's two inputs change a whole round apart.
            let device = input % deviceIDs.count
            let point = Self.points[input / deviceIDs.count]
            active[input].toggle()
            try controls[device / devicesPerControl].send("\(active[input] ? "press" : "release") \(deviceIDs[device]) \(point)")
            changedAtNs[input] = now
            cursor = (cursor + 1) % active.count
            done += 1
        }
        changes += done
        return done
    }
}
