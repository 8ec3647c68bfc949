import Foundation

/// CPU time the rest of the machine used while a run went on: busy time from /proc/stat
/// minus this process's own (/proc/self/stat), as a share of one core. A latency figure
/// means little when other work competed for the two cores.
struct MachineLoad {
    private let busy: Double
    private let own: Double
    private let start = Date()

    init() {
        busy = Self.machineBusySeconds()
        own = Self.ownSeconds()
    }

    /// Others' CPU since `init`, in % of one core.
    func othersPercent() -> Double {
        let elapsed = Date().timeIntervalSince(start)
        guard elapsed > 0 else { return 0 }
        let others = (Self.machineBusySeconds() - busy) - (Self.ownSeconds() - own)
        return max(0, others / elapsed * 100)
    }

    private static let tick = Double(sysconf(Int32(_SC_CLK_TCK)))

    private static func machineBusySeconds() -> Double {
        guard let text = try? String(contentsOfFile: "/proc/stat", encoding: .utf8),
            let line = text.split(separator: "\n").first
        else { return 0 }
        let fields = line.split(separator: " ").dropFirst().compactMap { Double($0) }
        guard fields.count >= 5 else { return 0 }
        // user nice system idle iowait irq softirq steal …: busy is all but idle and iowait.
        return (fields.reduce(0, +) - fields[3] - fields[4]) / tick
    }

    private static func ownSeconds() -> Double {
        guard let text = try? String(contentsOfFile: "/proc/self/stat", encoding: .utf8),
            let close = text.lastIndex(of: ")")
        else { return 0 }
        let fields = text[text.index(after: close)...].split(separator: " ")
        // After the command: state is field 3, utime 14 and stime 15 (1-based), so 11 and 12 here.
        guard fields.count > 12, let user = Double(fields[11]), let system = Double(fields[12]) else { return 0 }
        return (user + system) / tick
    }
}
