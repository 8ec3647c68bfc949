import BenchSupport
import Foundation

/// The gateway's `/metrics` (its status server), read over a plain HTTP/1.0 request: the
/// uplinks' backlogs for scenario (b).
struct GatewayMetrics {
    let port: Int

    /// `campus_gateway_uplink_backlog` by uplink name; empty when the server did not answer.
    func backlogs() -> [String: Int] {
        guard let body = get("/metrics") else { return [:] }
        var result: [String: Int] = [:]
        for line in body.split(separator: "\n") where line.hasPrefix("campus_gateway_uplink_backlog{") {
            // campus_gateway_uplink_backlog{uplink="police"} 12
            let parts = line.split(separator: "\"")
            guard parts.count >= 3, let value = Double(parts[2].dropFirst(2).trimmingCharacters(in: .whitespaces)) else { continue }
            result[String(parts[1])] = Int(value)
        }
        return result
    }

    private func get(_ path: String) -> String? {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var timeout = timeval(tv_sec: 2, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else { return nil }
        let request = Array("GET \(path) HTTP/1.0\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n".utf8)
        guard send(fd, request, request.count, 0) == request.count else { return nil }
        var response: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 16_384)
        while true {
            let n = recv(fd, &buffer, buffer.count, 0)
            if n <= 0 { break }
            response.append(contentsOf: buffer[0..<n])
        }
        let text = String(decoding: response, as: UTF8.self)
        guard text.hasPrefix("HTTP/1.") && text.contains(" 200 "), let split = text.range(of: "\r\n\r\n") else { return nil }
        return String(text[split.upperBound...])
    }
}
