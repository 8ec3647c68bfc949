#if canImport(Glibc)
import Glibc
#endif

/// glibc's malloc settings for the daemon (docs/benchmarks.md, "Making the process lean").
///
/// Neither `mallopt` nor `malloc_trim` is in Swift's Glibc module (they live in malloc.h),
/// so both are looked up by name; glibc has had them since 2.0.
enum ProcessHeap {
    /// At most two malloc arenas instead of glibc's eight per core. Every bus thread would
    /// otherwise take an arena of its own, each holding freed memory of its own: 6 MiB more
    /// at 100 000 points. The bus threads allocate little once running, so sharing costs no
    /// measurable CPU. Call before the bus threads start.
    static func limitArenas() {
        #if os(Linux)
        typealias Mallopt = @convention(c) (Int32, Int32) -> Int32
        let arenaMax: Int32 = -8  // M_ARENA_MAX
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "mallopt") else { return }
        _ = unsafeBitCast(symbol, to: Mallopt.self)(arenaMax, 2)
        #endif
    }

    /// Hands the heap that start-up freed back to the kernel; returns whether any was.
    ///
    /// Loading a site parses every profile into a YAML node tree, several hundred bytes per
    /// node: a 10 000-point profile leaves about 12 MiB freed but still resident, since
    /// glibc only returns memory at the top of a heap on its own. `malloc_trim` releases the
    /// free pages of every arena.
    @discardableResult
    static func releaseFreed() -> Bool {
        #if os(Linux)
        typealias MallocTrim = @convention(c) (Int) -> Int32
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "malloc_trim") else { return false }
        return unsafeBitCast(symbol, to: MallocTrim.self)(0) == 1
        #else
        return false
        #endif
    }
}
