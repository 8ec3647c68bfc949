#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The benchmarks' work folder under /tmp: site files, generated profiles, logs.
public enum WorkFolder {
    /// A new, empty folder `/tmp/PREFIX-XXXXXX`.
    public static func make(prefix: String) throws(BenchError) -> String {
        var template = Array("/tmp/\(prefix)-XXXXXX".utf8CString)
        let made: String? = template.withUnsafeMutableBufferPointer { buffer in
            mkdtemp(buffer.baseAddress!).map { String(cString: $0) }
        }
        guard let made else { throw BenchError("mkdtemp failed: errno \(errno)") }
        return made
    }
}
