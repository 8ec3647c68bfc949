#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A peer that closes its socket while we write to it (a device rebooting, a broker
/// restarting, a control client going away) must be an error on that socket, not the
/// death of the daemon: SIGPIPE's default action ends the process.
enum BrokenPipe {
    static func ignore() {
        signal(SIGPIPE, SIG_IGN)
    }
}
