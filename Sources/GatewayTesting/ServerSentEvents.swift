#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Dispatch

/// Reads a server-sent event stream over plain HTTP/1.1 on loopback, the way a browser's
/// `EventSource` does, until `events` events have arrived. The blocking reads run on a
/// Dispatch thread, never on Swift's cooperative pool, which the server under test needs.
public enum ServerSentEvents {
    public struct Failure: Error, CustomStringConvertible {
        public let description: String
    }

    /// The body received (headers stripped), up to and including the `events`-th event.
    public static func read(url: String, events: Int, timeout: Duration = .seconds(10)) async throws -> String {
        guard url.hasPrefix("http://127.0.0.1:"),
              let rest = url.split(separator: ":", maxSplits: 2).last,
              let port = Int(rest.prefix { $0.isNumber })
        else { throw Failure(description: "not a loopback URL: \(url)") }
        let path = "/" + rest.drop { $0.isNumber }.drop { $0 == "/" }
        return try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global().async {
                continuation.resume(with: Result { try readBlocking(port: port, path: path, events: events, timeout: timeout) })
            }
        }
    }

    private static func readBlocking(port: Int, path: String, events: Int, timeout: Duration) throws -> String {
        guard let fd = LoopbackSocket.connected(port: port) else { throw Failure(description: "cannot connect to port \(port)") }
        defer { close(fd) }
        var limit = timeval(tv_sec: Int(timeout.components.seconds), tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &limit, socklen_t(MemoryLayout<timeval>.size))
        let request = "GET \(path) HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\n\r\n"
        _ = request.withCString { send(fd, $0, strlen($0), Int32(MSG_NOSIGNAL)) }
        var received: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 16384)
        while true {
            let text = String(decoding: received, as: UTF8.self)
            if let body = text.range(of: "\r\n\r\n").map({ String(text[$0.upperBound...]) }),
               body.components(separatedBy: "event: ").count - 1 >= events, body.hasSuffix("\n\n") || body.contains("\n\n\r\n")
            {
                return dechunk(body)
            }
            let n = recv(fd, &buffer, buffer.count, 0)
            guard n > 0 else { throw Failure(description: "stream ended after: \(text)") }
            received += buffer[..<n]
        }
    }

    /// Strips HTTP/1.1 chunk-size lines, leaving the event text.
    private static func dechunk(_ body: String) -> String {
        body.components(separatedBy: "\r\n").filter { line in
            !(line.count <= 8 && !line.isEmpty && line.allSatisfy(\.isHexDigit))
        }.joined()
    }
}
