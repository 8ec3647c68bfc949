#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A self-pipe that wakes a thread sleeping in `poll`: other threads write a byte, the loop
/// sees its read end readable, drains it and looks at what it was asked to do.
final class WakePipe: Sendable {
    let readFD: Int32
    let writeFD: Int32

    init() throws(ModbusError) {
        var fds: [Int32] = [-1, -1]
        guard pipe(&fds) == 0 else { throw ModbusError.fromErrno(errno, while: "create a wake-up pipe") }
        for fd in fds {
            // Non-blocking: a full pipe already means "wake up"; the loop must never block on it.
            _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK)
            _ = fcntl(fd, F_SETFD, FD_CLOEXEC)
        }
        readFD = fds[0]
        writeFD = fds[1]
    }

    deinit {
        close(readFD)
        close(writeFD)
    }

    func wake() {
        var byte: UInt8 = 1
        _ = write(writeFD, &byte, 1)
    }

    func drain() {
        var scratch = (UInt64(0), UInt64(0))
        while withUnsafeMutableBytes(of: &scratch, { read(readFD, $0.baseAddress, $0.count) }) > 0 {}
    }
}
