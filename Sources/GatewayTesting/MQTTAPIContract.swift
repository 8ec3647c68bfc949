import Foundation
import Yams

/// docs/mqtt-api.yaml, loaded for tests: which channel a topic belongs to and whether a
/// payload validates against that channel's message schema.
public struct MQTTAPIContract: Sendable {
    /// (channel name, address template split into levels).
    private let channels: [(name: String, levels: [String])]

    public init(path: String) throws {
        let text = try String(contentsOfFile: path, encoding: .utf8)
        guard let loaded = try Yams.load(yaml: text) as? [String: Any], let channels = loaded["channels"] as? [String: Any] else {
            throw TestSubscriberError(message: "\(path) is not an AsyncAPI document with channels")
        }
        self.channels = channels.compactMap { name, value in
            ((value as? [String: Any])?["address"] as? String).map { (name, $0.split(separator: "/", omittingEmptySubsequences: false).map(String.init)) }
        }
        self.raw = Box(loaded)
    }

    /// Holds the parsed YAML (plain Foundation values, never mutated after `init`).
    private final class Box: @unchecked Sendable {
        // @unchecked: written once in `init`, only read afterwards.
        let value: [String: Any]
        init(_ value: [String: Any]) { self.value = value }
    }
    private let raw: Box

    /// The contract at the repository root, found from this source file.
    public static func repository(_ file: String = #filePath) throws -> MQTTAPIContract {
        let root = URL(fileURLWithPath: file).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        return try MQTTAPIContract(path: root.appendingPathComponent("docs/mqtt-api.yaml").path)
    }

    /// The channel `topic` belongs to under `prefix`, or nil.
    public func channel(of topic: String, prefix: String) -> String? {
        guard topic.hasPrefix(prefix + "/") else { return nil }
        let rest = topic.dropFirst(prefix.count + 1).split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        return channels.first { _, levels in
            let tail = Array(levels.dropFirst())  // "{prefix}"
            return tail.count == rest.count && zip(tail, rest).allSatisfy { $0.hasPrefix("{") || $0 == $1 }
        }?.name
    }

    /// What is wrong with `payload` on `topic`; empty when it conforms to one of the
    /// channel's messages.
    public func problems(topic: String, payload: [UInt8], prefix: String) -> [String] {
        guard let channel = channel(of: topic, prefix: prefix) else { return ["\(topic): no channel of the contract"] }
        guard let value = try? JSONSerialization.jsonObject(with: Data(payload)) else { return ["\(topic): not JSON"] }
        let schema = JSONSchema(root: raw.value)
        let messages = ((raw.value["channels"] as? [String: Any])?[channel] as? [String: Any])?["messages"] as? [String: Any] ?? [:]
        var all: [String] = []
        for message in messages.values {
            let payloadSchema = ((schema.resolve(((message as? [String: Any])?["$ref"] as? String) ?? "")) as? [String: Any])?["payload"] ?? [:]
            let found = schema.problems(value, payloadSchema)
            if found.isEmpty { return [] }
            all += found.map { "\(topic): \($0)" }
        }
        return all
    }

    /// Every problem of every message in `messages` under `prefix`.
    public func problems(in messages: [ReceivedMessage], prefix: String) -> [String] {
        messages.flatMap { problems(topic: $0.topic, payload: $0.payload, prefix: prefix) }
    }
}
