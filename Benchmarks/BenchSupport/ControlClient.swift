import GatewayTesting

/// The simulator's control port, for the benchmark: every command must be accepted.
public final class ControlClient {
    private let client: ControlPortClient

    /// Connects to 127.0.0.1:`port`; nil while nothing listens there.
    public init?(port: Int) {
        guard let client = ControlPortClient(port: port) else { return nil }
        self.client = client
    }

    /// Sends `command` and returns the reply line; throws when the reply is not `ok…`.
    @discardableResult
    public func send(_ command: String) throws(BenchError) -> String {
        let reply: String
        do {
            reply = try client.reply(to: command)
        } catch {
            throw BenchError(error.description)
        }
        guard reply == "ok" || reply.hasPrefix("ok ") else { throw BenchError("simulator refused '\(command)': \(reply)") }
        return reply
    }

    /// Sends every command in one write; throws when any reply is not `ok…`.
    public func sendAll(_ commands: [String]) throws(BenchError) {
        let replies: [String]
        do {
            replies = try client.replies(to: commands)
        } catch {
            throw BenchError(error.description)
        }
        for (command, reply) in zip(commands, replies) where !(reply == "ok" || reply.hasPrefix("ok ")) {
            throw BenchError("simulator refused '\(command)': \(reply)")
        }
    }
}
