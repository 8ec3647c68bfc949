import GatewayTesting
import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// A raw Modbus TCP peer on 127.0.0.1 that answers the n-th request (counted over all
/// connections) as `script` says: after a delay, with the reply it builds, or not at all.
/// Lets tests produce what a well-behaved server never does: late and mismatched answers.
final class ScriptedDevice: @unchecked Sendable {
    /// What to do with request number `index` (0-based), given its bytes.
    typealias Script = @Sendable (_ index: Int, _ request: [UInt8]) -> (delay: Duration, reply: [UInt8]?)

    let port: Int
    private let listenFD: Int32
    private let thread: Thread
    private let done = DispatchSemaphore(value: 0)

    init(script: @escaping Script) throws {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = UInt32(0x7F00_0001).bigEndian
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let ok = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(fd, $0, length) == 0 && listen(fd, 4) == 0 && getsockname(fd, $0, &length) == 0
            }
        }
        guard ok else {
            close(fd)
            throw SerialPair.Failure(description: "scripted device cannot listen")
        }
        listenFD = fd
        port = Int(UInt16(bigEndian: address.sin_port))
        let done = self.done
        thread = Thread {
            var index = 0
            // Ends when the listener is shut down (accept fails).
            while case let client = accept(fd, nil, nil), client >= 0 {
                var timeout = timeval(tv_sec: 2, tv_usec: 0)
                _ = setsockopt(client, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
                var buffer = [UInt8](repeating: 0, count: 260)
                while case let n = recv(client, &buffer, buffer.count, 0), n > 0 {
                    let (delay, reply) = script(index, Array(buffer[0..<n]))
                    index += 1
                    Thread.sleep(forTimeInterval: Double(delay.nanoseconds) / 1e9)
                    if let reply { _ = send(client, reply, reply.count, Int32(MSG_NOSIGNAL)) }
                }
                close(client)
            }
            done.signal()
        }
        thread.start()
    }

    /// Stops accepting and waits (at most 5 s) for the thread to end. The listener is closed
    /// only after that: closed earlier, its number could be reused by another test's socket
    /// before the thread's next `accept`.
    func stop() {
        shutdown(listenFD, Int32(SHUT_RDWR))
        if done.wait(timeout: .now() + 5) == .success { close(listenFD) }
    }

    /// The answer to a "read holding registers" request: same transaction id and unit,
    /// carrying `values`.
    static func registersReply(to request: [UInt8], _ values: [UInt16], transactionDelta: UInt8 = 0) -> [UInt8] {
        let data = values.flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] }
        let length = 3 + data.count
        return [request[0], request[1] &+ transactionDelta, 0, 0, UInt8(length >> 8), UInt8(length & 0xFF), request[6], 0x03, UInt8(data.count)] + data
    }
}
