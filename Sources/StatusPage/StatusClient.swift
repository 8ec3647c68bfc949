import Foundation
import NIOCore
import NIOHTTP1
import NIOPosix

/// Asks a running gateway's status server, as `campus-gateway status` and the tests do.
///
/// Speaks HTTP/1.1 through NIO, which the status server links already, rather than
/// `URLSession`: FoundationNetworking would load libcurl and about twenty libraries behind it
/// (some 4 MiB resident) into every process of this executable, the daemon included.
public struct StatusClient: Sendable {
    public let baseURL: String
    public let timeout: Duration

    public init(baseURL: String, timeout: Duration = .seconds(3)) {
        self.baseURL = baseURL.hasSuffix("/") ? String(baseURL.dropLast()) : baseURL
        self.timeout = timeout
    }

    public struct Failure: Error, CustomStringConvertible {
        public let description: String
    }

    /// The body of `GET path` (e.g. `/metrics`) as text.
    public func text(_ path: String) async throws(Failure) -> String {
        String(decoding: try await get(path), as: UTF8.self)
    }

    public func status() async throws(Failure) -> GatewayStatus {
        let body = try await get("/api/status")
        do {
            return try Self.decoder.decode(GatewayStatus.self, from: Data(body))
        } catch {
            throw Failure(description: "\(baseURL)/api/status answered something that is not a gateway status: \(error)")
        }
    }

    static let decoder: JSONDecoder = {
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        return decoder
    }()

    private func get(_ path: String) async throws(Failure) -> [UInt8] {
        let address = baseURL + path
        guard let url = URL(string: address), url.scheme == "http", let host = url.host, !host.isEmpty else {
            throw Failure(description: "not an http:// URL: \(address)")
        }
        let port = url.port ?? 80
        let outcome: (status: UInt, body: [UInt8])
        do {
            outcome = try await Self.withTimeout(timeout) {
                try await Self.exchange(host: host, port: port, hostHeader: url.port.map { "\(host):\($0)" } ?? host, path: path)
            }
        } catch {
            throw Failure(description: "no answer from \(address): \(error)")
        }
        guard outcome.status == 200 else { throw Failure(description: "\(address) answered HTTP \(outcome.status)") }
        return outcome.body
    }

    /// One request on a fresh connection, read until the server's end of the response.
    private static func exchange(host: String, port: Int, hostHeader: String, path: String) async throws -> (status: UInt, body: [UInt8]) {
        let channel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .connect(host: host, port: port) { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHTTPClientHandlers()
                    return try NIOAsyncChannel<HTTPClientResponsePart, HTTPClientRequestPart>(wrappingChannelSynchronously: channel)
                }
            }
        return try await channel.executeThenClose { inbound, outbound in
            var head = HTTPRequestHead(version: .http1_1, method: .GET, uri: path.isEmpty ? "/" : path)
            head.headers.add(name: "Host", value: hostHeader)
            head.headers.add(name: "Connection", value: "close")
            try await outbound.write(.head(head))
            try await outbound.write(.end(nil))
            var status: UInt = 0
            var body: [UInt8] = []
            for try await part in inbound {
                switch part {
                case .head(let response): status = response.status.code
                case .body(let bytes): body.append(contentsOf: bytes.readableBytesView)
                case .end: return (status, body)
                }
            }
            throw StatusClientError.closedEarly
        }
    }

    /// Runs `body`, or fails with `.timedOut` once `limit` has passed.
    private static func withTimeout<T: Sendable>(_ limit: Duration, _ body: @escaping @Sendable () async throws -> T) async throws -> T {
        try await withThrowingTaskGroup(of: T.self) { group in
            group.addTask { try await body() }
            group.addTask {
                try await Task.sleep(for: limit)
                throw StatusClientError.timedOut(limit)
            }
            defer { group.cancelAll() }
            return try await group.next()!
        }
    }
}
