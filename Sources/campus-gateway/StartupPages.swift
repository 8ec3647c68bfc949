#if canImport(Glibc)
import Glibc
#endif

/// Drops the executable's code pages from the daemon's page tables once it is ready.
///
/// The kernel maps code in 64 KiB windows around each page a fault touches ("fault-around"),
/// so start-up — argument parsing, YAML, site checks, building every part — leaves about
/// 16 MiB of the statically linked executable's code resident, most of it never run again.
/// `MADV_DONTNEED` on the read-only, never-written code mapping only forgets those mappings:
/// the pages stay in the page cache, and what the steady state runs faults back in at once.
/// Only the executable's `r-xp` mapping is touched; data and relocated mappings never are.
enum StartupPages {
    /// Returns the size of the mappings released, in bytes (0 where not supported).
    @discardableResult
    static func release() -> Int {
        #if os(Linux)
        guard let exe = executablePath(), let maps = fopen("/proc/self/maps", "r") else { return 0 }
        defer { fclose(maps) }
        var released = 0
        var line = [CChar](repeating: 0, count: 4096)
        while fgets(&line, Int32(line.count), maps) != nil {
            // "start-end perms offset dev inode path"
            let text = String(decoding: line.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
            let fields = text.split(separator: " ", omittingEmptySubsequences: true)
            guard fields.count >= 6, fields[1] == "r-xp",
                  fields[5].trimmingSuffix("\n") == exe else { continue }
            let range = fields[0].split(separator: "-")
            guard range.count == 2, let start = UInt(range[0], radix: 16), let end = UInt(range[1], radix: 16),
                  end > start, let address = UnsafeMutableRawPointer(bitPattern: start) else { continue }
            if madvise(address, Int(end - start), MADV_DONTNEED) == 0 { released += Int(end - start) }
        }
        return released
        #else
        return 0
        #endif
    }

    #if os(Linux)
    private static func executablePath() -> Substring? {
        var buffer = [CChar](repeating: 0, count: 4096)
        let count = readlink("/proc/self/exe", &buffer, buffer.count - 1)
        guard count > 0 else { return nil }
        return Substring(String(decoding: buffer[0..<count].map { UInt8(bitPattern: $0) }, as: UTF8.self))
    }
    #endif
}

extension Substring {
    fileprivate func trimmingSuffix(_ suffix: String) -> Substring {
        hasSuffix(suffix) ? dropLast(suffix.count) : self
    }
}
