import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// Asks a running gateway's status server, as `campus-gateway status` and the tests do.
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
            return try Self.decoder.decode(GatewayStatus.self, from: body)
        } catch {
            throw Failure(description: "\(baseURL)/api/status answered something that is not a gateway status: \(error)")
        }
    }

    static let decoder: JSONDecoder = {
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        return decoder
    }()

    private func get(_ path: String) async throws(Failure) -> Data {
        guard let url = URL(string: baseURL + path) else { throw Failure(description: "not a URL: \(baseURL + path)") }
        var request = URLRequest(url: url)
        request.timeoutInterval = Double(timeout.components.seconds) + Double(timeout.components.attoseconds) / 1e18
        let outcome: Result<(Data, URLResponse), any Error> = await withCheckedContinuation { continuation in
            URLSession.shared.dataTask(with: request) { data, response, error in
                if let data, let response {
                    continuation.resume(returning: .success((data, response)))
                } else {
                    continuation.resume(returning: .failure(error ?? URLError(.badServerResponse)))
                }
            }.resume()
        }
        switch outcome {
        case .failure(let error):
            throw Failure(description: "no answer from \(url.absoluteString): \(error.localizedDescription)")
        case .success(let (data, response)):
            let code = (response as? HTTPURLResponse)?.statusCode ?? 0
            guard code == 200 else { throw Failure(description: "\(url.absoluteString) answered HTTP \(code)") }
            return data
        }
    }
}
