import Foundation
import Hummingbird
import Logging
import ServiceLifecycle

/// The local status server: `/` (the page), `/api/status` (JSON), `/api/stream` (the page's
/// live updates as server-sent events) and `/metrics` (Prometheus).
///
/// It listens on loopback by default: it has no authentication, and what it shows (device
/// states, alarms) is for the people at the school. It never shows credentials, because
/// `GatewayStatus` never holds them.
public struct StatusServer: Service {
    public var host: String
    /// 0 picks a free port; `onListening` tells which.
    public var port: Int
    let source: any StatusSource
    let metrics: StatusMetrics
    let logger: Logger
    let onListening: @Sendable (Int) async -> Void
    let pulse: UpdatePulse

    public init(
        host: String, port: Int, source: any StatusSource, metrics: StatusMetrics = StatusMetrics(), logger: Logger,
        updateInterval: Duration = .seconds(1), onListening: @escaping @Sendable (Int) async -> Void = { _ in }
    ) {
        self.host = host
        self.port = port
        self.source = source
        self.metrics = metrics
        self.logger = logger
        self.onListening = onListening
        self.pulse = UpdatePulse(interval: updateInterval)
    }

    public func run() async throws {
        let router = Router()
        let renderer = StatusPageRenderer()
        router.get("/") { _, _ in
            Self.response(renderer.page(source.currentStatus()), type: "text/html; charset=utf-8")
        }
        router.get("/api/status") { _, _ in
            Self.response(try Self.json(source.currentStatus()), type: "application/json")
        }
        router.get("/metrics") { _, _ in
            Self.response(metrics.render(source.currentStatus()), type: "text/plain; version=0.0.4; charset=utf-8")
        }
        router.get("/api/stream") { request, _ in
            streamResponse(renderer: renderer, limit: request.uri.queryParameters.get("events", as: Int.self))
        }
        let logger = logger
        let host = host
        let onListening = onListening
        var app = Application(
            router: router,
            configuration: .init(address: .hostname(host, port: port), serverName: "campus-gateway"),
            onServerRunning: { channel in
                let bound = channel.localAddress?.port ?? 0
                logger.notice("status page listening", metadata: ["http.url": "http://\(host):\(bound)/"])
                await onListening(bound)
            },
            logger: Self.quiet(logger)
        )
        app.addServices(pulse)
        // Open live pages end first: the server's own shutdown waits for every response, and
        // a live page's response only ends when the pulse does.
        let pulse = pulse
        try await withGracefulShutdownHandler {
            try await app.run()
        } onGracefulShutdown: {
            pulse.finish()
        }
    }

    /// Server-sent events: a `status` event with the page's live part now and on every tick.
    /// `?events=N` ends the stream after N of them with an `end` event, for scripts and for
    /// checking the page in a headless browser, which waits for the network to go quiet.
    private func streamResponse(renderer: StatusPageRenderer, limit: Int?) -> Response {
        let updates = pulse.subscribe()
        var headers = HTTPFields()
        headers[.contentType] = "text/event-stream"
        headers[.cacheControl] = "no-cache"
        return Response(status: .ok, headers: headers, body: ResponseBody { writer in
            var sent = 0
            for await _ in updates {
                let fragment = renderer.fragment(source.currentStatus())
                try await writer.write(ByteBuffer(string: ServerSentEvent.format(event: "status", data: fragment)))
                sent += 1
                if let limit, sent >= limit {
                    try await writer.write(ByteBuffer(string: ServerSentEvent.format(event: "end", data: "")))
                    break
                }
            }
            try await writer.finish(nil)
        })
    }

    static func response(_ text: String, type: String) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = type
        headers[.cacheControl] = "no-store"
        return Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(string: text)))
    }

    static func json(_ status: GatewayStatus) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.keyEncodingStrategy = .convertToSnakeCase
        return String(decoding: try encoder.encode(status), as: UTF8.self)
    }

    /// Hummingbird logs every request at info; a page that refreshes every second would
    /// flood the journal.
    private static func quiet(_ logger: Logger) -> Logger {
        var logger = logger
        logger.logLevel = max(logger.logLevel, .warning)
        return logger
    }
}
