import Foundation

/// A command as a platform sends it on `{prefix}/commands` (docs/mqtt-api.md):
/// `{"v":1,"id":"…","target":"gate-1","action":"close","issued":ms,"expires":ms,"argument":1,"sig":"hex"}`.
// `package`: the command fuzzer (Tests/Fuzz) builds and checks commands without `@testable`.
package struct PlatformCommand: Sendable, Equatable {
    static let maxBytes = 4096
    /// UTC ms from 1970 to the end of 9999: any other value is no time a platform sends, and
    /// bounding it keeps the freshness arithmetic (now − issued) from overflowing.
    static let times: ClosedRange<Int64> = 0...253_402_300_799_999

    package var id: String
    /// A device id, or `site` for site-wide actions such as `lockdown`.
    package var target: String
    package var action: String
    /// UTC ms when the platform issued it, and after which it must not be carried out.
    package var issued: Int64
    package var expires: Int64
    package var argument: Double?
    /// Lowercase hex HMAC-SHA256 of `signedText`; nil when unsigned.
    package var signature: String?

    package init(
        id: String, target: String, action: String, issued: Int64, expires: Int64, argument: Double? = nil, signature: String? = nil
    ) {
        self.id = id
        self.target = target
        self.action = action
        self.issued = issued
        self.expires = expires
        self.argument = argument
        self.signature = signature
    }

    /// What the signature covers: every field but the signature, in a fixed order, so the
    /// platform need not reproduce our JSON byte for byte.
    var signedText: String {
        "1|\(id)|\(target)|\(action)|\(issued)|\(expires)|\(argument.map { Self.format($0) } ?? "")"
    }

    /// A number as the signed text spells it: integers without a fraction.
    static func format(_ value: Double) -> String {
        value.rounded() == value && abs(value) < 1e15 ? String(Int64(value)) : String(value)
    }

    /// The wire form; every field optional so a missing one is named in the refusal.
    private struct Wire: Decodable {
        var v: Int?
        var id: String?
        var target: String?
        var action: String?
        var issued: Int64?
        var expires: Int64?
        var argument: Double?
        var sig: String?
    }

    /// Parses `payload`; the error says what is wrong, for the refusal.
    package static func parse(_ payload: [UInt8]) -> Result<PlatformCommand, CommandRefusal> {
        guard payload.count <= maxBytes else { return .failure(.oversized(payload.count)) }
        let wire: Wire
        do {
            wire = try JSONDecoder().decode(Wire.self, from: Data(payload))
        } catch DecodingError.typeMismatch(_, let context), DecodingError.dataCorrupted(let context) {
            let key = context.codingPath.last?.stringValue
            return .failure(.malformed(key.map { "'\($0)' has the wrong type" } ?? "not a JSON object"))
        } catch {
            return .failure(.malformed("not a JSON object"))
        }
        guard wire.v == 1 else { return .failure(.malformed("'v' must be 1")) }
        for (key, value) in [("id", wire.id), ("target", wire.target), ("action", wire.action)] {
            guard let value, !value.isEmpty, value.count <= 128 else {
                return .failure(.malformed("'\(key)' must be a string of 1 to 128 characters"))
            }
        }
        guard let issued = wire.issued, times.contains(issued) else { return .failure(.malformed("'issued' must be a time in UTC milliseconds")) }
        guard let expires = wire.expires, times.contains(expires) else { return .failure(.malformed("'expires' must be a time in UTC milliseconds")) }
        if let argument = wire.argument, !argument.isFinite { return .failure(.malformed("'argument' must be a number")) }
        return .success(PlatformCommand(
            id: wire.id ?? "", target: wire.target ?? "", action: wire.action ?? "", issued: issued, expires: expires,
            argument: wire.argument, signature: wire.sig))
    }

    /// The id of a payload too broken to parse, when it has one, so its refusal can name it.
    package static func bestEffortID(_ payload: [UInt8]) -> String {
        guard payload.count <= maxBytes, let object = try? JSONSerialization.jsonObject(with: Data(payload)),
              let id = (object as? [String: Any])?["id"] as? String, id.count <= 128
        else { return "" }
        return id
    }
}
