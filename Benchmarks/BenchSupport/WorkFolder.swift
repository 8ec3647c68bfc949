import GatewayTesting

/// The benchmarks' work folder under /tmp: site files, generated profiles, logs. Unlike a
/// `TemporaryDirectory` it outlives its value (`--keep` leaves it for a look afterwards).
public enum WorkFolder {
    /// A new, empty folder `/tmp/PREFIX-XXXXXX`.
    public static func make(prefix: String) throws(BenchError) -> String {
        do {
            return try TemporaryDirectory.create(prefix: prefix)
        } catch {
            throw BenchError("\(error)")
        }
    }
}
