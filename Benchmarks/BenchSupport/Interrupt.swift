import Synchronization

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// SIGINT / SIGTERM to the benchmark: the handler only sets a flag; the run loop sees it,
/// throws, and the normal clean-up stops the children and the broker.
public enum Interrupt {
    private static let flag = Atomic<Bool>(false)

    public static func install() {
        for number in [SIGINT, SIGTERM] {
            signal(number) { _ in Interrupt.flag.store(true, ordering: .relaxed) }
        }
    }

    public static var requested: Bool { flag.load(ordering: .relaxed) }

    /// Throws when an interrupt arrived; called at every step of a wait.
    public static func check() throws(BenchError) {
        if requested { throw BenchError("interrupted") }
    }
}

/// A failure of the benchmark's own setup or of a process it runs.
public struct BenchError: Error, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}
