#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The wait of a `ServerFault.slow` unit, on the server's own thread.
enum FaultDelay {
    static func sleep(_ delay: Duration) {
        let (seconds, attoseconds) = delay.components
        var ts = timespec(tv_sec: Int(seconds), tv_nsec: Int(attoseconds / 1_000_000_000))
        var remaining = timespec()
        while nanosleep(&ts, &remaining) != 0 && errno == EINTR { ts = remaining }
    }
}
