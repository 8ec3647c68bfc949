#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Readers for Linux's /proc: a process's CPU time and memory, the machine's CPU time.
public enum Proc {
    /// Clock ticks per second of the CPU times in /proc (USER_HZ, 100 here).
    public static let ticksPerSecond = UInt64(sysconf(Int32(_SC_CLK_TCK)))

    /// utime + stime of `pid` in ticks (fields 14 and 15 of /proc/PID/stat); all its threads.
    public static func cpuTicks(_ pid: pid_t) -> UInt64? {
        guard let fields = statFields(pid), fields.count > 12 else { return nil }
        // Fields after the ")" that ends comm start at field 3 (state): utime is index 11.
        guard let user = UInt64(fields[11]), let system = UInt64(fields[12]) else { return nil }
        return user + system
    }

    /// The parent pid and the command name (comm) of `pid`.
    public static func parentAndName(_ pid: pid_t) -> (parent: pid_t, name: String)? {
        guard let text = read("/proc/\(pid)/stat"),
              let open = text.firstIndex(of: "("), let close = text.lastIndex(of: ")"),
              let fields = statFields(pid), fields.count > 1, let parent = pid_t(fields[1])
        else { return nil }
        return (parent, String(text[text.index(after: open)..<close]))
    }

    public struct Memory {
        /// Resident set now, and its peak over the process's life (kB).
        public var rssKB: Int
        public var hwmKB: Int
        /// The resident set split: anonymous (heap, stacks) and file-backed (the executable
        /// and shared libraries, pages shared with every process that maps them).
        public var anonKB: Int
        public var fileKB: Int
        public var threads: Int
    }

    /// VmRSS, VmHWM, RssAnon, RssFile and Threads from /proc/PID/status.
    public static func memory(_ pid: pid_t) -> Memory? {
        guard let text = read("/proc/\(pid)/status") else { return nil }
        var memory = Memory(rssKB: 0, hwmKB: 0, anonKB: 0, fileKB: 0, threads: 0)
        for line in text.split(separator: "\n") {
            let parts = line.split(whereSeparator: { $0 == " " || $0 == "\t" })
            guard parts.count >= 2, let value = Int(parts[1]) else { continue }
            switch parts[0] {
            case "VmRSS:": memory.rssKB = value
            case "VmHWM:": memory.hwmKB = value
            case "RssAnon:": memory.anonKB = value
            case "RssFile:": memory.fileKB = value
            case "Threads:": memory.threads = value
            default: break
            }
        }
        return memory
    }

    /// Busy and total ticks of all CPUs together (first line of /proc/stat); idle and
    /// iowait are not busy.
    public static func machineTicks() -> (busy: UInt64, total: UInt64)? {
        guard let text = read("/proc/stat"), let first = text.split(separator: "\n").first else { return nil }
        let values = first.split(separator: " ").dropFirst().prefix(8).compactMap { UInt64($0) }
        guard values.count == 8 else { return nil }
        let total = values.reduce(0, +)
        return (total - values[3] - values[4], total)
    }

    /// The 1-minute load average (first field of /proc/loadavg): runnable and waiting
    /// threads of the whole machine, the rig's own included.
    public static func loadAverage() -> Double? {
        read("/proc/loadavg")?.split(separator: " ").first.flatMap { Double($0) }
    }

    /// Processes whose parent is this one and whose comm is `name`.
    public static func children(named name: String) -> [pid_t] {
        processes { $0.parent == getpid() && $0.name == name }
    }

    /// Every process whose parent and name satisfy `predicate`.
    public static func processes(where predicate: ((parent: pid_t, name: String)) -> Bool) -> [pid_t] {
        guard let directory = opendir("/proc") else { return [] }
        defer { closedir(directory) }
        var found: [pid_t] = []
        while let entry = readdir(directory) {
            let entryName = withUnsafeBytes(of: entry.pointee.d_name) { String(decoding: $0.prefix(while: { $0 != 0 }), as: UTF8.self) }
            guard let pid = pid_t(entryName), let info = parentAndName(pid) else { continue }
            if predicate(info) { found.append(pid) }
        }
        return found
    }

    /// The fields of /proc/PID/stat after the command name, starting with the state.
    private static func statFields(_ pid: pid_t) -> [Substring]? {
        guard let text = read("/proc/\(pid)/stat"), let close = text.lastIndex(of: ")") else { return nil }
        return text[text.index(after: close)...].split(separator: " ")
    }

    /// A whole /proc file (their size is 0 in stat, so read until the end).
    public static func read(_ path: String) -> String? {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 4096)
        while true {
            let n = chunk.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
            if n < 0 { return nil }
            if n == 0 { break }
            bytes += chunk[..<n]
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
